import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The type-aware lint rules `npm test` relies on really bite: probe files inside the project (so the TypeScript
 * project service types them), each with one mistake, fail with the rule that names it; the fixed version passes.
 */
describe('type-aware lint', () => {
  const root = resolve(__dirname, '..');
  const probes: Record<string, string> = {
    floating: 'export async function f(p: Promise<void>): Promise<void> {\n  p.then(() => 1);\n}\n',
    misused: 'export function f(run: () => void): void {\n  run();\n}\nf(async () => undefined);\n',
    thenable: 'export async function f(): Promise<number> {\n  return await 5;\n}\n',
    switch:
      "export function f(k: 'a' | 'b'): number {\n  switch (k) {\n    case 'a':\n      return 1;\n  }\n  return 0;\n}\n",
    fixed: 'export async function f(p: Promise<void>): Promise<void> {\n  await p;\n}\n',
  };
  const rules: Record<string, string[]> = {};

  beforeAll(() => {
    const dir = mkdtempSync(join(root, 'libs/config/src/lint-probe-'));
    try {
      for (const [name, source] of Object.entries(probes)) writeFileSync(join(dir, `${name}.ts`), source);
      // ESLint's flat config is an ES module, which jest's module sandbox does not load: run the real CLI once.
      const run = spawnSync(
        process.execPath,
        [join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', dir],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      const results = JSON.parse(run.stdout) as {
        filePath: string;
        messages: { ruleId: string | null; message: string }[];
      }[];
      for (const r of results)
        rules[r.filePath.replace(/^.*\//, '').replace(/\.ts$/, '')] = r.messages.map((m) => m.ruleId ?? m.message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on a floating promise (an un-awaited Temporal call or transaction)', () => {
    expect(rules.floating).toContain('@typescript-eslint/no-floating-promises');
  });

  it('fails on a promise where a void callback is expected', () => {
    expect(rules.misused).toContain('@typescript-eslint/no-misused-promises');
  });

  it('fails on awaiting a value that is not a promise', () => {
    expect(rules.thenable).toContain('@typescript-eslint/await-thenable');
  });

  it('fails on a switch that misses a case of a union', () => {
    expect(rules.switch).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('passes the same code once the mistake is fixed', () => {
    expect(rules.fixed).toEqual([]);
  });
});
