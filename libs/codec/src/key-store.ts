/** A case's data key as stored: wrapped under the master key, or null once destroyed by an erasure. */
export interface StoredCaseKey {
  wrappedKey: Buffer | null;
}

/** Where wrapped data keys live (PostgreSQL `case_keys`; in memory for unit tests). */
export interface CaseKeyStore {
  /** The stored key, or undefined when the case never had one. */
  get(caseId: string): Promise<StoredCaseKey | undefined>;
  /** Stores `wrappedKey` unless the case already has a row (live or destroyed); returns whatever row won. */
  getOrCreate(caseId: string, wrappedKey: Buffer): Promise<StoredCaseKey>;
  /** Drops the key for good and leaves a tombstone, so no new key can ever be created for the case. */
  destroy(caseId: string, query?: SqlQuery): Promise<void>;
}

export type SqlQuery = (sql: string, params: unknown[]) => Promise<unknown>;

export class InMemoryCaseKeyStore implements CaseKeyStore {
  readonly rows = new Map<string, StoredCaseKey>();

  async get(caseId: string): Promise<StoredCaseKey | undefined> {
    return this.rows.get(caseId);
  }

  async getOrCreate(caseId: string, wrappedKey: Buffer): Promise<StoredCaseKey> {
    if (!this.rows.has(caseId)) this.rows.set(caseId, { wrappedKey });
    return this.rows.get(caseId)!;
  }

  async destroy(caseId: string): Promise<void> {
    this.rows.set(caseId, { wrappedKey: null });
  }
}

interface KeyRow {
  wrapped_key: Buffer | null;
}

/** `case_keys` in PostgreSQL, through any `query(sql, params)` (a TypeORM DataSource or EntityManager). */
export class PgCaseKeyStore implements CaseKeyStore {
  constructor(private readonly query: SqlQuery) {}

  async get(caseId: string): Promise<StoredCaseKey | undefined> {
    const rows = (await this.query('SELECT wrapped_key FROM case_keys WHERE case_id = $1', [caseId])) as KeyRow[];
    return rows[0] ? { wrappedKey: rows[0].wrapped_key } : undefined;
  }

  async getOrCreate(caseId: string, wrappedKey: Buffer): Promise<StoredCaseKey> {
    // Two statements on purpose: after a concurrent insert commits, a fresh SELECT sees the winner's key, which a
    // single INSERT ... RETURNING with a fallback SELECT (one snapshot) would not.
    await this.query('INSERT INTO case_keys (case_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING', [
      caseId,
      wrappedKey,
    ]);
    const row = await this.get(caseId);
    if (!row) throw new Error('case key vanished after insert');
    return row;
  }

  async destroy(caseId: string, query: SqlQuery = this.query): Promise<void> {
    await query(
      `INSERT INTO case_keys (case_id, wrapped_key, destroyed_at) VALUES ($1, NULL, now())
       ON CONFLICT (case_id) DO UPDATE SET wrapped_key = NULL, destroyed_at = COALESCE(case_keys.destroyed_at, now())`,
      [caseId],
    );
  }
}
