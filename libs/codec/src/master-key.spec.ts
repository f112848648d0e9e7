import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initMasterKey, loadOrCreateMasterKey } from './master-key';

describe('master key creation by mode', () => {
  it('production refuses to create a key silently, naming WAYMARK_MASTER_KEY and init-master-key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mk-prod-')), 'master-key');
    expect(() => loadOrCreateMasterKey(file, true)).toThrow(/WAYMARK_MASTER_KEY.*init-master-key/);
    expect(existsSync(file)).toBe(false);
    expect(initMasterKey(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(file, true)).toHaveLength(32);
    expect(initMasterKey(file)).toBe(false);
  });

  it('development creates the key on first use', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mk-dev-')), 'master-key');
    expect(loadOrCreateMasterKey(file, false)).toHaveLength(32);
    expect(existsSync(file)).toBe(true);
  });
});
