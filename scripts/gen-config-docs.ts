// `npm run docs:config`: writes docs/configuration.md from the validated environment class (`Env` in
// libs/config/src/env.ts): every key with its type and checks (from the class-validator decorators), its default
// (the property's initializer) and its doc comment. `--check` writes nothing and exits 1 when the file is stale.
// test/docs.spec.ts fails when the committed file differs from what this renders.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as ts from 'typescript';

/** The project root, from scripts/ (ts-jest) or dist/scripts/ (the built command). */
export const ROOT = existsSync(resolve(__dirname, '..', 'package.json'))
  ? resolve(__dirname, '..')
  : resolve(__dirname, '../..');
export const ENV_SOURCE = 'libs/config/src/env.ts';
export const CONFIG_DOC = 'docs/configuration.md';

export interface ConfigKey {
  name: string;
  /** What the value must be, e.g. "integer, 1–65535", "one of `debug`, `info`". */
  type: string;
  /** The initializer as written (quotes dropped), or undefined when the key has none. */
  defaultValue?: string;
  doc: string;
}

interface Decorator {
  name: string;
  args: ts.Expression[];
}

function decoratorsOf(node: ts.PropertyDeclaration): Decorator[] {
  return (ts.getDecorators(node) ?? []).flatMap((d) => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression))
      return [{ name: e.expression.text, args: [...e.arguments] }];
    if (ts.isIdentifier(e)) return [{ name: e.text, args: [] }];
    return [];
  });
}

function literal(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isNumericLiteral(e)) return e.text.replace(/_/g, '');
  if (e.kind === ts.SyntaxKind.TrueKeyword) return 'true';
  if (e.kind === ts.SyntaxKind.FalseKeyword) return 'false';
  return e.getText();
}

function describeType(node: ts.PropertyDeclaration, decorators: Decorator[]): string {
  const find = (name: string) => decorators.find((d) => d.name === name);
  const parts: string[] = [];
  const isIn = find('IsIn');
  if (isIn && isIn.args[0] && ts.isArrayLiteralExpression(isIn.args[0])) {
    return `one of ${isIn.args[0].elements.map((e) => `\`${literal(e)}\``).join(', ')}`;
  }
  if (find('IsInt')) parts.push('integer');
  else if (find('IsBoolean')) parts.push('boolean (`1`, `true` or `yes` is true)');
  else if (find('IsNumber')) parts.push('number');
  else parts.push('string');
  const min = literal(find('Min')?.args[0]);
  const max = literal(find('Max')?.args[0]);
  if (min !== undefined && max !== undefined) parts.push(`${min}–${max}`);
  else if (min !== undefined) parts.push(`at least ${min}`);
  else if (max !== undefined) parts.push(`at most ${max}`);
  const minLength = literal(find('MinLength')?.args[0]);
  if (minLength !== undefined) parts.push(`at least ${minLength} characters`);
  const matches = find('Matches')?.args[0];
  if (matches && ts.isRegularExpressionLiteral(matches)) parts.push(`matching \`${matches.text}\``);
  if (parts.length === 1 && node.type && !find('IsString') && !matches) return node.type.getText();
  return parts.join(', ');
}

function docOf(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  return docs
    .map((d) => (typeof d.comment === 'string' ? d.comment : (ts.getTextOfJSDocComment(d.comment) ?? '')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The keys of the class `Env` in the given source text, in declaration order, after the keys of the class it
 * extends (a base class imported from a sibling file, e.g. `HttpEnv` in ./http-env.ts, is read the same way).
 */
export function readConfigSchema(
  source = readFileSync(resolve(ROOT, ENV_SOURCE), 'utf8'),
  path = ENV_SOURCE,
  className = 'Env',
): ConfigKey[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.ES2022, true);
  const cls = file.statements.find(
    (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === className,
  );
  if (!cls) throw new Error(`${path} declares no class ${className}`);
  const base = cls.heritageClauses
    ?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
    ?.types[0]?.expression.getText();
  const inherited = base ? readBaseClass(file, path, base) : [];
  const own = cls.members.filter(ts.isPropertyDeclaration).map((member) => {
    const decorators = decoratorsOf(member);
    return {
      name: member.name.getText(),
      type: describeType(member, decorators),
      defaultValue: literal(member.initializer),
      doc: docOf(member),
    };
  });
  return [...own, ...inherited];
}

/** A base class of `Env`: declared in the same file, or imported from a relative module beside it. */
function readBaseClass(file: ts.SourceFile, path: string, base: string): ConfigKey[] {
  if (file.statements.some((s) => ts.isClassDeclaration(s) && s.name?.text === base))
    return readConfigSchema(file.text, path, base);
  const from = file.statements.find(
    (s): s is ts.ImportDeclaration =>
      ts.isImportDeclaration(s) &&
      !!s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === base),
  );
  const specifier = from && ts.isStringLiteral(from.moduleSpecifier) ? from.moduleSpecifier.text : undefined;
  if (!specifier?.startsWith('.')) throw new Error(`${path}: cannot find the file of the base class ${base}`);
  const basePath = join(dirname(path), `${specifier}.ts`);
  return readConfigSchema(readFileSync(resolve(ROOT, basePath), 'utf8'), basePath, base);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The page, formatted by the project's Prettier settings so `npm run format` leaves it as it is. */
export function renderConfigDocs(keys: ConfigKey[]): string {
  const rows = keys.map(
    (k) =>
      `| \`${k.name}\` | ${cell(k.type)} | ${k.defaultValue === undefined ? 'unset' : `\`${cell(k.defaultValue)}\``} | ` +
      `${cell(k.doc || 'Not documented yet: add a doc comment to the key in `' + ENV_SOURCE + '`.')} |`,
  );
  const markdown = [
    '# Configuration',
    '',
    `<!-- GENERATED by \`npm run docs:config\` (scripts/gen-config-docs.ts) from \`${ENV_SOURCE}\`. Do not edit by hand:`,
    '     change the doc comment or the decorators of the key, then run the command again. test/docs.spec.ts fails',
    '     when this file is stale. -->',
    '',
    'Every setting is an environment variable, all optional. `loadEnv()` in `libs/config` validates them once at start',
    'and lists every bad one at once; nothing else in the server code reads `process.env`. Types and checks below come',
    'from the class-validator decorators, defaults from the property initializers, descriptions from the doc comments.',
    '',
    '| Variable | Type and checks | Default | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'How these fit together when running Waymark: [operations.md](operations.md). Environment variables read outside',
    'the server (tests, tools) are listed in [operations.md](operations.md#environment-outside-the-server).',
    '',
  ].join('\n');
  // Prettier's own command (a child process: its API is asynchronous and ESM inside), with the project's settings.
  const prettier = spawnSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', CONFIG_DOC],
    {
      cwd: ROOT,
      input: markdown,
      encoding: 'utf8',
    },
  );
  if (prettier.status !== 0) throw new Error(`prettier failed on ${CONFIG_DOC}: ${prettier.stderr}`);
  return prettier.stdout;
}

function main(): void {
  const path = resolve(ROOT, CONFIG_DOC);
  const rendered = renderConfigDocs(readConfigSchema());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing file is stale too.
    }
    if (current !== rendered) {
      process.stderr.write(`${CONFIG_DOC} is stale: run npm run docs:config\n`);
      process.exit(1);
    }
    process.stdout.write(`${CONFIG_DOC} is up to date\n`);
    return;
  }
  writeFileSync(path, rendered);
  process.stdout.write(`wrote ${CONFIG_DOC}\n`);
}

if (require.main === module) main();
