import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { CaseKeyStore, SqlQuery } from './key-store';
import type { MasterKeys } from './master-key';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** The case's key was destroyed by an erasure: its payloads can never be decoded again. */
export class CaseErasedError extends Error {
  constructor() {
    super('The case was erased: its data key is destroyed.');
    this.name = 'CaseErasedError';
  }
}

/** No key was ever stored for the payload's case (wrong database, or a foreign payload). */
export class UnknownCaseKeyError extends Error {
  constructor() {
    super('No data key is stored for this payload.');
    this.name = 'UnknownCaseKeyError';
  }
}

/** AES-256-GCM: iv(12) | ciphertext | tag(16); `aad` binds the ciphertext to its owner. */
export function seal(key: Buffer, plain: Uint8Array, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < IV_BYTES + TAG_BYTES) throw new Error('sealed data is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}

export interface KeyringOptions {
  /** How long an unwrapped key (or a known erasure) is kept in memory. Other processes see an erasure this late. */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface CacheEntry {
  key: Buffer | null;
  expiresAt: number;
}

/** Wraps a case's data key under a master key, bound to the case id. */
export function wrapDataKey(masterKey: Buffer, owner: string, dataKey: Buffer): Buffer {
  return seal(masterKey, dataKey, wrapAad(owner));
}

/**
 * Unwraps a case's data key with the first master key that opens it (the current one first); `index` says which
 * (0: current). Throws when none does: the key was wrapped under a master key this process was not given.
 */
export function unwrapDataKey(keys: MasterKeys, owner: string, wrapped: Uint8Array): { key: Buffer; index: number } {
  const all = [keys.current, ...keys.previous];
  for (let index = 0; index < all.length; index++) {
    try {
      return { key: open(all[index], wrapped, wrapAad(owner)), index };
    } catch {
      // Not this master key (the GCM tag does not verify): try the next.
    }
  }
  throw new Error(
    'A data key is wrapped under a master key this process does not have: set WAYMARK_PREVIOUS_MASTER_KEYS during a rotation.',
  );
}

/**
 * Per-case data keys: 32 random bytes each, wrapped under the master key in the store, unwrapped on demand and
 * cached briefly. The wrapping binds the case id, so a wrapped key copied to another row does not unwrap. During a
 * master-key rotation, keys still wrapped under a previous master key unwrap too; new ones use the current key.
 */
export class CaseKeyring {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<Buffer | null>>();
  /** Owners erased by this process: a lookup that was in flight during the erasure must not cache a live key. */
  private readonly erased = new Set<string>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly keys: MasterKeys;

  constructor(
    private readonly store: CaseKeyStore,
    masterKey: Buffer | MasterKeys,
    opts: KeyringOptions = {},
  ) {
    this.keys = Buffer.isBuffer(masterKey) ? { current: masterKey, previous: [] } : masterKey;
    if ([this.keys.current, ...this.keys.previous].some((k) => k.length !== 32))
      throw new Error('the master key must be 32 bytes');
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * A 32-byte secret for another purpose (`label`), derived from the current master key (HKDF-SHA256): every
   * process holding the master key derives the same one, and a master-key rotation replaces it.
   */
  deriveSecret(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys.current, Buffer.alloc(0), `waymark:${label}`, 32));
  }

  /** The key to encrypt with, created on first use. */
  async keyForEncode(owner: string): Promise<Buffer> {
    const key = await this.lookup(owner, true);
    if (!key) throw new CaseErasedError();
    return key;
  }

  /** The key to decrypt with; throws when the case never had one or was erased. */
  async keyForDecode(owner: string): Promise<Buffer> {
    const key = await this.lookup(owner, false);
    if (key === undefined) throw new UnknownCaseKeyError();
    if (key === null) throw new CaseErasedError();
    return key;
  }

  /** Destroys the key (inside the caller's transaction when `query` is given) and forgets it here at once. */
  async destroy(owner: string, query?: SqlQuery): Promise<void> {
    this.erased.add(owner);
    this.forget(owner);
    await this.store.destroy(owner, query);
    this.forget(owner);
  }

  /** Another process erased the case (see ErasureListener): never unwrap its key here again. */
  markErased(owner: string): void {
    this.erased.add(owner);
    this.forget(owner);
  }

  /** Empties the cache: every key is read from the store again on next use. */
  forgetAll(): void {
    this.cache.clear();
    this.pending.clear();
  }

  forget(owner: string): void {
    this.cache.delete(owner);
    this.pending.delete(owner);
  }

  private async lookup(owner: string, create: boolean): Promise<Buffer | null | undefined> {
    const hit = this.cache.get(owner);
    if (hit && hit.expiresAt > this.now()) return hit.key;
    const inflight = this.pending.get(owner);
    if (inflight) return inflight;
    const load = (async () => {
      const stored = create
        ? await this.store.getOrCreate(owner, wrapDataKey(this.keys.current, owner, randomBytes(DATA_KEY_BYTES)))
        : await this.store.get(owner);
      if (!stored) return undefined;
      const key =
        stored.wrappedKey && !this.erased.has(owner) ? unwrapDataKey(this.keys, owner, stored.wrappedKey).key : null;
      this.remember(owner, key);
      return key;
    })();
    // Concurrent encodes of one case share a single round trip (and so a single new key).
    this.pending.set(owner, load as Promise<Buffer | null>);
    try {
      return await load;
    } finally {
      if (this.pending.get(owner) === load) this.pending.delete(owner);
    }
  }

  private remember(owner: string, key: Buffer | null): void {
    if (this.cache.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order): a plain bound, good enough for a 60-second cache.
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.delete(owner);
    this.cache.set(owner, { key, expiresAt: this.now() + this.ttlMs });
  }
}

function wrapAad(owner: string): string {
  return `waymark-case-key:${owner}`;
}
