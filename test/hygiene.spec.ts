// No hand-written source file over 400 lines: split by responsibility. Tests, translation catalogues and migrations
// aside. The limit is checked on the tree and, on a sample, shown to bite.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const MAX_LINES = 400;
const SOURCE_DIRS = ['apps', 'libs', 'workflows', 'scripts', 'bench'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', '.tools']);

/** Files that are not hand-written source in the sense of the limit. */
function exempt(path: string): boolean {
  return (
    /\.(spec|e2e-spec)\.tsx?$/.test(path) ||
    /(^|\/)test\//.test(path) ||
    path.startsWith('apps/web/src/i18n/') ||
    /(^|\/)migrations\//.test(path)
  );
}

/** `path: N lines` for every .ts/.tsx/.mjs source file under `root`'s source folders longer than `max` lines. */
export function oversizedSources(root: string, max = MAX_LINES): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (SKIP_DIRS.has(entry.name)) continue;
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !exempt(path)) {
        const lines = readFileSync(join(root, path), 'utf8').replace(/\n$/, '').split('\n').length;
        if (lines > max) out.push(`${path}: ${lines} lines`);
      }
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}

describe('source file size', () => {
  it(`no hand-written source file is over ${MAX_LINES} lines`, () => {
    expect(oversizedSources(ROOT)).toEqual([]);
  });

  describe('the check bites', () => {
    let root: string;
    const write = (path: string, lines: number) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), Array.from({ length: lines }, (_, i) => `// ${i}`).join('\n') + '\n');
    };
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'waymark-hygiene-'));
      write('libs/x/src/long.ts', MAX_LINES + 1);
      write('apps/web/src/pages/Long.tsx', MAX_LINES + 5);
      write('scripts/long.mjs', MAX_LINES + 2);
      write('bench/at-limit.ts', MAX_LINES);
      write('libs/x/src/long.spec.ts', 900);
      write('apps/web/src/pages/Long.spec.tsx', 900);
      write('test/e2e/long.e2e-spec.ts', 900);
      write('apps/web/src/i18n/en.ts', 900);
      write('libs/database/src/migrations/1-big.ts', 900);
      write('apps/api/test/helper.ts', 900);
      write('libs/x/node_modules/dep/index.ts', 900);
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('names each long source file with its length and leaves tests, catalogues and migrations alone', () => {
      expect(oversizedSources(root)).toEqual([
        `apps/web/src/pages/Long.tsx: ${MAX_LINES + 5} lines`,
        `libs/x/src/long.ts: ${MAX_LINES + 1} lines`,
        `scripts/long.mjs: ${MAX_LINES + 2} lines`,
      ]);
    });
  });
});

describe('nest-cli.json is true to the layout', () => {
  interface NestProject {
    type: 'application' | 'library';
    root: string;
    sourceRoot: string;
    entryFile?: string;
  }
  const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
    root: string;
    sourceRoot: string;
    compilerOptions: { tsConfigPath: string };
    projects: Record<string, NestProject>;
  };
  const dirs = (parent: string) =>
    readdirSync(join(ROOT, parent), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${parent}/${e.name}`);

  it("every project's folders and entry file exist, and so does the build configuration", () => {
    const missing = [
      nest.root,
      nest.sourceRoot,
      nest.compilerOptions.tsConfigPath,
      ...Object.values(nest.projects).flatMap((p) => [
        p.root,
        p.sourceRoot,
        ...(p.entryFile ? [`${p.sourceRoot}/${p.entryFile}.ts`] : []),
      ]),
    ].filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it('every library and every Nest application is a project', () => {
    const roots = Object.values(nest.projects).map((p) => p.root);
    const nestApps = dirs('apps').filter((d) => existsSync(join(ROOT, d, 'src/main.ts')));
    expect(nestApps).toEqual(expect.arrayContaining(['apps/api', 'apps/worker']));
    expect([...dirs('libs'), ...nestApps].filter((d) => !roots.includes(d))).toEqual([]);
    const libraries = Object.values(nest.projects).filter((p) => p.type === 'library');
    expect(libraries.every((p) => p.root.startsWith('libs/'))).toBe(true);
  });
});
