import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedDbPasswordFile, ensureEmbeddedDbPassword, readEmbeddedDbPassword } from './embedded-db';
import { loadEnv, resolveConfig } from './load-config';

describe('embedded PostgreSQL password', () => {
  const fresh = () => mkdtempSync(join(tmpdir(), 'waymark-embedded-db-'));

  it('generates a random password for a new cluster, kept 0600 and read back by every later start', () => {
    const dir = fresh();
    const password = ensureEmbeddedDbPassword(dir, join(dir, 'postgres'));
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(embeddedDbPasswordFile(dir)).mode & 0o777).toBe(0o600);
    expect(ensureEmbeddedDbPassword(dir, join(dir, 'postgres'))).toBe(password);
    expect(readEmbeddedDbPassword(dir)).toBe(password);
    expect(ensureEmbeddedDbPassword(fresh(), join(dir, 'none'))).not.toBe(password);
  });

  it('keeps the old fixed password for a cluster initialised before passwords were generated', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'postgres'));
    writeFileSync(join(dir, 'postgres', 'PG_VERSION'), '18\n');
    expect(ensureEmbeddedDbPassword(dir, join(dir, 'postgres'))).toBe('waymark');
  });

  it('puts the generated password into the embedded database URL, never a hard-coded one', () => {
    const dir = fresh();
    const password = ensureEmbeddedDbPassword(dir, join(dir, 'postgres'));
    const config = resolveConfig(loadEnv({ WAYMARK_DATA_DIR: dir }));
    expect(config.databaseUrl).toContain(`:${password}@127.0.0.1:`);
  });
});
