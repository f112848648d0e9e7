import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The embedded default's local admin secret. Development signs tokens itself (POST /auth/dev-token); the staff and
 * platform roles below are issued only to a caller who also sends this secret, generated at first start into the
 * data directory (mode 0600) and printed by `npm start`. Production has no dev-token route at all (OIDC only).
 */
export const PRIVILEGED_DEV_ROLES: readonly string[] = [
  'operator',
  'data-protection-officer',
  'platform-admin',
  'auditor',
];

export function adminSecretFile(dataDir: string): string {
  return join(dataDir, 'local-admin-secret');
}

/** Reads the secret, generating it (32 random bytes, base64url) on first use; the file is created 0600. */
export function loadOrCreateAdminSecret(file: string): { secret: string; created: boolean } {
  try {
    return { secret: readFileSync(file, 'utf8').trim(), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: if another process created it meanwhile, theirs wins and is read back.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { secret: readFileSync(file, 'utf8').trim(), created: false };
  }
}

/** Constant-time comparison of two secrets; hashing first makes the time independent of their lengths. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
