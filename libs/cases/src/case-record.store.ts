import { Logger } from '@nestjs/common';
import { CaseErasedError, type CaseKeyring } from '@waymark/codec';
import type { CompartmentId, CompartmentRecords } from '@waymark/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { isSealedRecord, openRecord, sealRecord } from './record-cipher';

export interface CaseRecordMeta {
  caseId: string;
  /** Unique per write; each compartment's row gets `<keyPrefix>:<compartment>`. */
  keyPrefix: string;
  source: 'intake' | 'task' | 'event' | 'note';
  step?: string | null;
  subject?: string | null;
  agencyId: string;
  actorSub: string;
  recordedAt: string | Date;
}

export interface CaseRecordRow {
  compartment: CompartmentId;
  step: string | null;
  subject: string | null;
  source: string;
  agency_id: string;
  recorded_at: Date;
  data: Record<string, unknown>;
}

/**
 * The only module with SQL on `case_records` (see libs/database/src/table-owners.ts). Field values are stored
 * sealed (AES-256-GCM) under the case's data key from the codec keyring, bound to the case id and the row's event
 * key; an erasure destroys that key, so the values are unreadable in PostgreSQL, its backups and its dumps too.
 * Rows written before encryption (plain JSON objects) still read, and `sealPlaintextRows` encrypts them.
 */
export class CaseRecordStore {
  private readonly logger = new Logger('CaseRecordStore');

  constructor(
    private readonly ds: DataSource,
    private readonly keyring: CaseKeyring,
  ) {}

  /**
   * Unwraps (or creates) the case's key before the write's transaction opens, so the key look-up (on a pooled
   * connection of its own) never waits for a connection while the transaction holds one; inside, the keyring's
   * cache answers. An erased case is left to the transaction's erasure guard, which then writes nothing.
   */
  async prepareKey(caseId: string, records: CompartmentRecords | undefined): Promise<void> {
    if (!Object.values(records ?? {}).some((data) => data && Object.keys(data).length > 0)) return;
    try {
      await this.keyring.keyForEncode(caseId);
    } catch (err) {
      if (!(err instanceof CaseErasedError)) throw err;
    }
  }

  /** Writes one `case_records` row per compartment; returns whether any row is new (retries find them written). */
  async write(em: EntityManager, records: CompartmentRecords | undefined, meta: CaseRecordMeta): Promise<boolean> {
    let fresh = false;
    for (const [compartment, data] of Object.entries(records ?? {})) {
      if (!data || Object.keys(data).length === 0) continue;
      const key = await this.keyring.keyForEncode(meta.caseId);
      const eventKey = `${meta.keyPrefix}:${compartment}`;
      const inserted = (await em.query(
        `INSERT INTO case_records (case_id, compartment, step, subject, source, agency_id, actor_sub, recorded_at, data, event_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
         ON CONFLICT (event_key) DO NOTHING RETURNING id`,
        [
          meta.caseId,
          compartment,
          meta.step ?? null,
          meta.subject ?? null,
          meta.source,
          meta.agencyId,
          meta.actorSub,
          new Date(meta.recordedAt),
          JSON.stringify(sealRecord(key, data as Record<string, unknown>, meta.caseId, eventKey)),
          eventKey,
        ],
      )) as unknown[];
      fresh ||= inserted.length > 0;
    }
    return fresh;
  }

  /** The case's records in these compartments, decrypted, in write order. Only these ever leave the database. */
  async read(caseId: string, compartments: readonly CompartmentId[]): Promise<CaseRecordRow[]> {
    const rows = (await this.ds.query(
      `SELECT compartment, step, subject, source, agency_id, recorded_at, data, event_key FROM case_records
       WHERE case_id = $1 AND compartment = ANY($2::text[]) ORDER BY id`,
      [caseId, [...compartments]],
    )) as (CaseRecordRow & { event_key: string })[];
    const out: CaseRecordRow[] = [];
    for (const { event_key: eventKey, ...row } of rows) {
      out.push({ ...row, data: await this.open(caseId, eventKey, row.data) });
    }
    return out;
  }

  /** Plain rows (written before encryption, or redacted `{}`) read as they are; sealed ones need the case's key. */
  private async open(caseId: string, eventKey: string, data: unknown): Promise<Record<string, unknown>> {
    if (!isSealedRecord(data)) return (data ?? {}) as Record<string, unknown>;
    try {
      return openRecord(await this.keyring.keyForDecode(caseId), data, caseId, eventKey);
    } catch (err) {
      // Erased after the read began: the values are gone for good, as the redaction would have left them.
      if (err instanceof CaseErasedError) return {};
      throw err;
    }
  }

  /** Erasure: the values go too (their key is destroyed in the same transaction), where the table exists. */
  async redact(em: EntityManager, caseId: string): Promise<void> {
    const [col] = (await em.query(
      `SELECT data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'case_records' AND column_name = 'data'`,
    )) as { data_type: string; is_nullable: 'YES' | 'NO' }[];
    if (!col) return;
    const empty =
      col.data_type === 'jsonb'
        ? `'{}'::jsonb`
        : col.data_type === 'json'
          ? `'{}'::json`
          : col.is_nullable === 'YES'
            ? 'NULL'
            : undefined;
    if (empty === undefined) throw new Error(`case_records.data (${col.data_type}) has no empty value to redact to`);
    await em.query(`UPDATE case_records SET data = ${empty} WHERE case_id = $1`, [caseId]);
  }

  /**
   * One-off, resumable: seals rows still holding plain values (written before encryption), a batch per
   * transaction, skipping rows another sealer holds and erased cases (their rows are redacted). Stopping at any
   * point loses nothing: the next run finds the rows still plain. Returns how many rows it sealed.
   */
  async sealPlaintextRows(batchSize = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.ds.transaction(async (em) => {
        const rows = (await em.query(
          `SELECT r.id, r.case_id, r.event_key, r.data FROM case_records r JOIN cases c ON c.id = r.case_id
           WHERE c.erased_at IS NULL AND r.data <> '{}'::jsonb AND NOT (r.data ? '$wm')
           ORDER BY r.id LIMIT $1 FOR UPDATE OF r SKIP LOCKED`,
          [batchSize],
        )) as { id: string; case_id: string; event_key: string; data: Record<string, unknown> }[];
        for (const r of rows) {
          const key = await this.keyring.keyForEncode(r.case_id);
          await em.query(`UPDATE case_records SET data = $2::jsonb WHERE id = $1`, [
            r.id,
            JSON.stringify(sealRecord(key, r.data, r.case_id, r.event_key)),
          ]);
        }
        return rows.length;
      });
      total += sealed;
      if (sealed < batchSize) break;
    }
    if (total > 0) this.logger.log({ msg: 'sealed plain case records', rows: total });
    return total;
  }
}
