import { sqlOwnershipViolations, ownersSpanningModules, TABLE_OWNERS, SQL_SCAN_ROOTS } from '@waymark/database';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', '.tools', 'coverage']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const tree = () =>
  SQL_SCAN_ROOTS.flatMap((root) => sourceFiles(join(ROOT, root))).map((full) => ({
    path: relative(ROOT, full).split(sep).join('/'),
    text: readFileSync(full, 'utf8'),
  }));

describe('SQL ownership (libs/database/src/table-owners.ts)', () => {
  it('finds no SQL naming a table outside the files its owner declares', () => {
    const files = tree();
    // The scan saw the owners' own SQL, so an empty result is not an empty scan.
    expect(files.some((f) => f.path === 'libs/cases/src/case-record.store.ts')).toBe(true);
    expect(sqlOwnershipViolations(files)).toEqual([]);
  });

  it("declares every owner's files inside one module, and the files exist", () => {
    expect(ownersSpanningModules()).toEqual([]);
    const paths = new Set(tree().map((f) => f.path));
    const declared = Object.values(TABLE_OWNERS).flatMap((o) => [...o.files, ...(o.readers ?? [])]);
    expect(declared.filter((p) => !paths.has(p))).toEqual([]);
  });

  it('declares every table the migrations create', () => {
    const created = tree()
      .filter((f) => f.path.startsWith('libs/database/src/migrations/'))
      .flatMap((f) => [...f.text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)/g)].map((m) => m[1]));
    expect(created.length).toBeGreaterThan(10);
    expect([...new Set(created)].filter((t) => !TABLE_OWNERS[t])).toEqual([]);
  });

  it('bites: SQL out of place, in a template literal or a string, is reported with its table and line', () => {
    const fake = {
      path: 'apps/api/src/cases/sneaky.service.ts',
      text: [
        'const a = 1;',
        "await ds.query('DELETE FROM consents WHERE case_id = $1', [id]);",
        'await ds.query(`SELECT c.id FROM cases c JOIN case_records r ON r.case_id = c.id`);',
        'await em.query(`UPDATE escalations SET resolved_at = now()`);',
        "await em.query('INSERT INTO audit_log (id) VALUES ($1)', [x]);",
        "await em.query('delete from case_keys where case_id = $1', [x]);",
      ].join('\n'),
    };
    expect(sqlOwnershipViolations([fake]).map((v) => `${v.line}:${v.kind}:${v.table}`)).toEqual([
      '2:write:consents',
      '4:write:escalations',
      '5:write:audit_log',
      '6:write:case_keys',
      '3:read:cases',
      '3:read:case_records',
    ]);
  });

  it('lets a declared reader read but not write, and exempts migrations and specs', () => {
    const reader = 'apps/api/src/metrics/metrics.service.ts';
    expect(sqlOwnershipViolations([{ path: reader, text: '`SELECT count(*) FROM escalations`' }])).toEqual([]);
    expect(sqlOwnershipViolations([{ path: reader, text: '`UPDATE escalations SET x = 1`' }])).toEqual([
      expect.objectContaining({ path: reader, table: 'escalations', kind: 'write' }),
    ]);
    const sql = '`DELETE FROM case_records`';
    expect(
      sqlOwnershipViolations([
        { path: 'libs/database/src/migrations/1-x.ts', text: sql },
        { path: 'apps/api/src/x/x.spec.ts', text: sql },
      ]),
    ).toEqual([]);
    // Prose in a comment is not SQL; a URL in a string does not hide the SQL after it.
    const prose = '// read from cases and join tasks\n/* update consents later */\nconst u = 1;';
    expect(sqlOwnershipViolations([{ path: 'apps/api/src/x.ts', text: prose }])).toEqual([]);
    const afterUrl = "const u = 'https://x'; await q(`select 1 from consents`);";
    expect(sqlOwnershipViolations([{ path: 'apps/api/src/x.ts', text: afterUrl }])).toEqual([
      expect.objectContaining({ table: 'consents', kind: 'read', line: 1 }),
    ]);
  });

  it('says which owner a module must call', () => {
    const [v] = sqlOwnershipViolations([{ path: 'apps/api/src/x.ts', text: '`SELECT 1 FROM consents`' }]);
    expect(v.owner).toEqual(['libs/cases/src/consent.store.ts']);
  });
});
