import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminSecretFile, loadOrCreateAdminSecret, PRIVILEGED_DEV_ROLES, sameSecret } from './admin-secret';

describe('local admin secret', () => {
  it('is generated once, 0600, and read back unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-secret-'));
    const file = adminSecretFile(join(dir, 'data'));
    const first = loadOrCreateAdminSecret(file);
    expect(first.created).toBe(true);
    expect(first.secret.length).toBeGreaterThanOrEqual(40);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateAdminSecret(file)).toEqual({ secret: first.secret, created: false });
    expect(loadOrCreateAdminSecret(adminSecretFile(join(dir, 'other'))).secret).not.toBe(first.secret);
  });

  it('compares secrets exactly, whatever their lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
    expect(sameSecret('abcabc', 'abc')).toBe(false);
  });

  it('covers the staff and platform roles', () => {
    for (const role of ['operator', 'data-protection-officer', 'platform-admin', 'auditor']) {
      expect(PRIVILEGED_DEV_ROLES).toContain(role);
    }
    expect(PRIVILEGED_DEV_ROLES).not.toContain('caseworker');
  });
});
