import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MASTER_KEY_BYTES = 32;

/** Decodes `WAYMARK_MASTER_KEY` (base64 of 32 bytes); the message names the variable, never the value. */
export function parseMasterKey(base64: string, source = 'WAYMARK_MASTER_KEY'): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== MASTER_KEY_BYTES) {
    throw new Error(`${source} must be the base64 of ${MASTER_KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`);
  }
  return key;
}

/**
 * The embedded default's master key: created on first use in the data directory (mode 0600), like the JWT signing
 * key. Created under a temporary name and hard-linked into place, which fails if another process won the race, so
 * the API and the worker starting together always end up with the same key.
 */
export function loadOrCreateMasterKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(tmp);
    }
  }
  return parseMasterKey(readFileSync(file, 'utf8'), file);
}

/** The configured key when `WAYMARK_MASTER_KEY` is set, else the data directory's. */
export function resolveMasterKey(configured: string | undefined, file: string): Buffer {
  return configured ? parseMasterKey(configured) : loadOrCreateMasterKey(file);
}
