// Checks of the markdown documentation against the code, as pure functions over text so test/docs.spec.ts can run
// each one on the real docs and on a bad sample that proves it bites.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

export interface DocFile {
  /** Path from the project root, e.g. docs/api.md. */
  path: string;
  text: string;
}

/** README.md and every docs/**\/*.md, read from `root`. */
export function readDocs(root: string): DocFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
    );
  return ['README.md', ...walk('docs')].map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** The text outside fenced code blocks (shell examples there hold their own variables and placeholders). */
export function prose(text: string): string {
  return text.replace(FENCED, '');
}

const FENCED = /^([ \t]*)(```|~~~)[^\n]*\n[\s\S]*?^\1\2[^\n]*$/gm;

/** The code of a page: fenced blocks and inline code spans, where commands are written. */
export function code(text: string): string {
  const blocks = [...text.matchAll(FENCED)].map((m) => m[0]);
  const spans = [...prose(text).matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...blocks, ...spans].join('\n');
}

// npm's own commands: `npm ci`, `npm install` and the like are not scripts.
const NPM_BUILTINS = new Set(['ci', 'install', 'i', 'exec', 'view', 'ls', 'audit', 'pkg', 'init', 'config', 'cache']);
// The scripts npm runs without `run`.
const NPM_SHORTHANDS = new Set(['start', 'test', 'stop', 'restart']);

/** Every `npm run <script>` / `npm <script>` in code (blocks or spans) naming no script of package.json. */
export function unknownNpmScripts(docs: DocFile[], scripts: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const doc of docs) {
    for (const m of code(doc.text).matchAll(/\bnpm (run(?:-script)? (?:--?[\w-]+ )*)?([a-z][\w:.-]*[\w])/g)) {
      const [, run, name] = m;
      if (!run && NPM_BUILTINS.has(name)) continue;
      if (!run && !NPM_SHORTHANDS.has(name)) problems.push(`${doc.path}: \`npm ${name}\` is not an npm command`);
      else if (!(name in scripts)) problems.push(`${doc.path}: \`npm run ${name}\`: no such script in package.json`);
    }
  }
  return problems;
}

/** UPPER_SNAKE constants the code declares (`const VENICE_TARGETS = …`): names in prose that are not settings. */
export function declaredConstants(sources: DocFile[]): string[] {
  return sources.flatMap((s) =>
    [...s.text.matchAll(/\b(?:const|let|enum)\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)].map((m) => m[1]),
  );
}

/**
 * Every UPPER_SNAKE name in the prose (fenced examples aside) that is neither a config key, nor a constant the code
 * declares, nor on the explicit `others` list.
 */
export function unknownConfigKeys(
  docs: DocFile[],
  configKeys: string[],
  others: readonly string[],
  constants: string[] = [],
): string[] {
  const known = new Set([...configKeys, ...others, ...constants]);
  const problems = new Set<string>();
  for (const doc of docs) {
    for (const m of prose(doc.text).matchAll(/(?<![\w$])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)) {
      if (!known.has(m[0])) problems.add(`${doc.path}: ${m[0]} is not a key of the Env class in libs/config`);
    }
  }
  return [...problems];
}

export interface Route {
  method: string;
  path: string;
}

const HTTP_DECORATORS: Record<string, string> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  Options: 'OPTIONS',
  All: 'ALL',
};

function decoratorCalls(node: ts.Node): { name: string; arg?: ts.Expression }[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((d) =>
    ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression)
      ? [{ name: d.expression.expression.text, arg: d.expression.arguments[0] }]
      : [],
  );
}

function pathArg(arg: ts.Expression | undefined, where: string): string {
  if (!arg) return '';
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  throw new Error(`${where}: route path is not a string literal; teach test/support/docs-checks.ts to read it`);
}

/** The routes of every Nest controller in the given sources, read from @Controller and @Get/@Post/… statically. */
export function controllerRoutes(sources: DocFile[]): Route[] {
  const routes: Route[] = [];
  for (const source of sources) {
    const file = ts.createSourceFile(source.path, source.text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isClassDeclaration(node)) {
        const controller = decoratorCalls(node).find((d) => d.name === 'Controller');
        if (controller) {
          const prefix = pathArg(controller.arg, source.path);
          for (const member of node.members) {
            for (const d of decoratorCalls(member)) {
              const method = HTTP_DECORATORS[d.name];
              if (!method) continue;
              const path = '/' + [prefix, pathArg(d.arg, source.path)].filter(Boolean).join('/');
              routes.push({ method, path: path.replace(/\/+/g, '/') });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return routes;
}

/** Every .ts under the given folders (specs aside). */
export function readSources(root: string, dirs: string[]): DocFile[] {
  const walk = (dir: string): string[] =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
          e.isDirectory()
            ? e.name === 'node_modules'
              ? []
              : walk(join(dir, e.name))
            : /(?<!\.spec|\.e2e-spec)\.ts$/.test(e.name)
              ? [join(dir, e.name)]
              : [],
        )
      : [];
  return dirs.flatMap(walk).map((path) => ({
    path,
    text: readFileSync(join(root, path), 'utf8'),
  }));
}

const segments = (path: string) =>
  path
    .split('/')
    .filter(Boolean)
    .map((s) => (/^(:.+|<.+>|\{.+\})$/.test(s) ? ':' : s));

function routeMatches(route: Route, method: string, path: string): boolean {
  if (route.method !== method && route.method !== 'ALL') return false;
  const want = segments(path);
  const have = segments(route.path);
  // A wildcard route (`/app/*`) takes any longer path.
  if (have[have.length - 1] === '*')
    return want.length >= have.length - 1 && have.slice(0, -1).every((s, i) => s === ':' || s === want[i]);
  return want.length === have.length && have.every((s, i) => s === ':' || s === want[i]);
}

/** Every `GET /path`, `POST /path`… in the docs that no route answers. */
export function unknownEndpoints(docs: DocFile[], routes: Route[]): string[] {
  const problems = new Set<string>();
  for (const doc of docs) {
    for (const m of doc.text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/[^\s`'"|,)]*)/g)) {
      const method = m[1];
      const path = m[2].replace(/[?#].*$/, '').replace(/[.:;]+$/, '');
      if (!routes.some((r) => routeMatches(r, method, path))) {
        problems.add(`${doc.path}: \`${method} ${path}\` matches no controller route`);
      }
    }
  }
  return [...problems];
}

/** Every relative markdown link whose file or folder is missing (anchors are not checked). */
export function brokenLinks(root: string, docs: DocFile[], pending: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const doc of docs) {
    for (const m of prose(doc.text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1];
      if (/^([a-z]+:|#)/i.test(target)) continue;
      const file = target.replace(/#.*$/, '');
      const full = resolve(root, dirname(doc.path), decodeURI(file));
      const rel = relative(root, full);
      if (!existsSync(full) && !pending.includes(rel)) problems.push(`${doc.path}: link to ${target} finds nothing`);
    }
  }
  return problems;
}

/** Every path of this repository written in backticks (e.g. `libs/codec/src/codec.ts`) that does not exist. */
export function missingPaths(root: string, docs: DocFile[], pending: readonly string[] = []): string[] {
  const problems = new Set<string>();
  for (const doc of docs) {
    for (const m of prose(doc.text).matchAll(/`((?:apps|libs|workflows|scripts|bench|test|docs|deploy)\/[\w./-]+)`/g)) {
      const path = m[1].replace(/\/$/, '');
      if (!existsSync(join(root, path)) && !pending.includes(path)) {
        problems.add(`${doc.path}: \`${m[1]}\` does not exist`);
      }
    }
  }
  return [...problems];
}
