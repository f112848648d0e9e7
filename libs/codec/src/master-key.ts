import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MASTER_KEY_BYTES = 32;

/** Decodes `WAYMARK_MASTER_KEY` (base64 of 32 bytes); the message names the variable, never the value. */
export function parseMasterKey(base64: string, source = 'WAYMARK_MASTER_KEY'): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== MASTER_KEY_BYTES) {
    throw new Error(
      `${source} must be the base64 of ${MASTER_KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

/**
 * The embedded default's master key: created on first use in the data directory (mode 0600), like the JWT signing
 * key. Created under a temporary name and hard-linked into place, which fails if another process won the race, so
 * the API and the worker starting together always end up with the same key.
 */
export function loadOrCreateMasterKey(file: string, production = process.env.NODE_ENV === 'production'): Buffer {
  if (!existsSync(file)) {
    // Production never invents the key that protects every case: losing a silently created key loses all histories.
    if (production) throw new MissingMasterKeyError(file);
    initMasterKey(file);
  }
  return parseMasterKey(readFileSync(file, 'utf8'), file);
}

/** Production found neither WAYMARK_MASTER_KEY nor an initialised key file; names both ways out, never a value. */
export class MissingMasterKeyError extends Error {
  constructor(file: string) {
    super(
      `No master key: NODE_ENV=production does not create one silently. Set WAYMARK_MASTER_KEY (openssl rand -base64 32), or run \`npm run init-master-key\` once to write ${file}.`,
    );
  }
}

/** Writes a new key file (0600) unless one exists; returns whether it wrote one. Safe against a concurrent start. */
export function initMasterKey(file: string): boolean {
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
    return true;
  }
  return false;
}

/** The configured key when `WAYMARK_MASTER_KEY` is set, else the data directory's. */
export function resolveMasterKey(configured: string | undefined, file: string): Buffer {
  return configured ? parseMasterKey(configured) : loadOrCreateMasterKey(file);
}

/**
 * The key that wraps new data keys, and the keys of a rotation in progress that may still wrap older ones (tried
 * after the current one when unwrapping; see `rewrapCaseKeys`).
 */
export interface MasterKeys {
  current: Buffer;
  previous: Buffer[];
}

/** The embedded default keeps the keys of an unfinished rotation next to the master key, one per line. */
export const previousKeysFile = (file: string) => `${file}.previous`;

/** `WAYMARK_PREVIOUS_MASTER_KEYS`: comma-separated base64 keys; a bad one is named by position, never by value. */
export function parsePreviousMasterKeys(value: string | undefined, source = 'WAYMARK_PREVIOUS_MASTER_KEYS'): Buffer[] {
  if (!value?.trim()) return [];
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((k, i) => parseMasterKey(k, `${source} (key ${i + 1})`));
}

/**
 * Every master key this process may need: the current one (as `resolveMasterKey`) and the previous ones from
 * `WAYMARK_PREVIOUS_MASTER_KEYS` or, in the embedded default, the `.previous` file a rotation leaves until it ends.
 */
export function resolveMasterKeys(
  configured: string | undefined,
  previous: string | undefined,
  file: string,
): MasterKeys {
  const current = resolveMasterKey(configured, file);
  const fromFile =
    !configured && existsSync(previousKeysFile(file))
      ? parsePreviousMasterKeys(readFileSync(previousKeysFile(file), 'utf8'), previousKeysFile(file))
      : [];
  return { current, previous: [...parsePreviousMasterKeys(previous), ...fromFile].filter((k) => !k.equals(current)) };
}

/**
 * Starts a rotation of the embedded default's key file: the old key joins the `.previous` file, a new key takes its
 * place (written under a temporary name and renamed, so a crash leaves one or the other, never half a key).
 * Returns the keys to rewrap with.
 */
export function beginFileRotation(file: string): MasterKeys {
  if (!existsSync(file)) throw new Error(`${file} does not exist: there is no key to rotate yet (start once first)`);
  const old = parseMasterKey(readFileSync(file, 'utf8'), file);
  const previous = previousKeysFile(file);
  const kept = existsSync(previous) ? readFileSync(previous, 'utf8').trim() : '';
  writeFileSync(previous, `${[kept, old.toString('base64')].filter(Boolean).join('\n')}\n`, { mode: 0o600 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${randomBytes(MASTER_KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return resolveMasterKeys(undefined, undefined, file);
}

/** Ends a file rotation once every data key is wrapped under the current key: the old keys are dropped. */
export function endFileRotation(file: string): void {
  if (existsSync(previousKeysFile(file))) unlinkSync(previousKeysFile(file));
}
