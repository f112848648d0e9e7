import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The embedded PostgreSQL's owner and database (the embedded default only; a deployment sets DATABASE_URL). */
export const EMBEDDED_DB = { user: 'waymark', database: 'waymark' } as const;

/** The fixed password clusters initialised before passwords were generated still carry. */
const LEGACY_PASSWORD = 'waymark';

export const embeddedDbPasswordFile = (dataDir: string): string => resolve(dataDir, 'postgres-password');

/** The embedded owner's password: the generated one, or the old fixed one for a cluster that predates it. */
export function readEmbeddedDbPassword(dataDir: string): string {
  const file = embeddedDbPasswordFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : LEGACY_PASSWORD;
}

/**
 * Before the embedded PostgreSQL starts: a new cluster gets a random owner password, kept in the data directory
 * (mode 0600) so every later start and tool uses it; an existing cluster keeps the password it was created with.
 */
export function ensureEmbeddedDbPassword(dataDir: string, clusterDir: string): string {
  const file = embeddedDbPasswordFile(dataDir);
  if (existsSync(file) || existsSync(join(clusterDir, 'PG_VERSION'))) return readEmbeddedDbPassword(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}
