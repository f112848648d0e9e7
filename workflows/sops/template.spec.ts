import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SOPS } from '.';

/**
 * Every SOP is one folder with the same files (docs/adding-an-sop.md): `workflows/<id>/` holding its declaration,
 * access rules, workflow, workflow spec and index, and nothing named otherwise than `<id>.<part>.ts`.
 */
const WORKFLOWS = resolve(__dirname, '..');
const REQUIRED = ['sop.ts', 'policy.ts', 'workflow.ts', 'workflow.spec.ts'];

describe.each(SOPS.map((sop) => [sop.id, sop] as const))('SOP folder %s', (id, sop) => {
  const dir = join(WORKFLOWS, id);

  it('holds the files of the template', () => {
    expect({ id, folder: existsSync(dir) }).toEqual({ id, folder: true });
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    const missing = ['index.ts', ...REQUIRED.map((f) => `${id}.${f}`)].filter((f) => !files.includes(f));
    expect({ id, missing }).toEqual({ id, missing: [] });
    const misnamed = files.filter((f) => f !== 'index.ts' && !new RegExp(`^${id}\\.[a-z][a-z0-9.-]*\\.ts$`).test(f));
    expect({ id, misnamed }).toEqual({ id, misnamed: [] });
  });

  it('exports its workflow type from its index and reads its access rules from its policy file', () => {
    expect(readFileSync(join(dir, 'index.ts'), 'utf8')).toContain(sop.workflowType);
    expect(readFileSync(join(dir, `${id}.sop.ts`), 'utf8')).toMatch(new RegExp(`from '\\./${id}\\.policy'`));
    expect(readFileSync(join(WORKFLOWS, 'index.ts'), 'utf8')).toContain(`export * from './${id}';`);
  });
});
