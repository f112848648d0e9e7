import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH, type AuditDetail, type HashedAuditFields } from './audit-hash';

/** Transaction-scoped advisory lock key ("WAYMAUDT") that serialises appends so the chain never forks. */
export const AUDIT_CHAIN_LOCK = '6287404743129384020';
const VERIFY_BATCH = 1000;

/** What a caller appends: action names, ids and codes only, never form contents or free text. */
export interface AuditEntry {
  action: string;
  actorSub?: string | null;
  agencyId?: string | null;
  caseId?: string | null;
  compartment?: string | null;
  requestId?: string | null;
  detail?: AuditDetail;
  at?: Date;
}

export interface AuditRecord extends HashedAuditFields {
  /** bigint, as a string. */
  id: string;
  prevHash: string;
  hash: string;
}

export type AuditVerifyResult = { ok: true; rows: number } | { ok: false; brokenAt: string; reason: string };

interface AuditRow {
  id: string;
  at: Date;
  actor_sub: string | null;
  agency_id: string | null;
  action: string;
  case_id: string | null;
  compartment: string | null;
  request_id: string | null;
  detail: AuditDetail;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'id, at, actor_sub, agency_id, action, case_id, compartment, request_id, detail, prev_hash, hash';

function toRecord(r: AuditRow): AuditRecord {
  return {
    id: String(r.id),
    at: r.at,
    actorSub: r.actor_sub,
    agencyId: r.agency_id,
    action: r.action,
    caseId: r.case_id,
    compartment: r.compartment,
    requestId: r.request_id,
    detail: r.detail ?? {},
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The hash-chained, append-only audit log (table `audit_log`, whose trigger refuses UPDATE and DELETE). */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Appends one entry, inside `em`'s transaction when given (so it commits or rolls back with the write it records),
   * else in its own. The advisory lock is held until that transaction ends: callers append last, just before commit,
   * and run at READ COMMITTED so the read of the latest hash sees the previous holder's committed row.
   */
  async append(entry: AuditEntry, em?: EntityManager): Promise<AuditRecord> {
    if (em?.queryRunner?.isTransactionActive) return this.appendIn(em, entry);
    return this.ds.transaction((tx) => this.appendIn(tx, entry));
  }

  private async appendIn(em: EntityManager, entry: AuditEntry): Promise<AuditRecord> {
    const fields: HashedAuditFields = {
      at: entry.at ?? new Date(),
      actorSub: entry.actorSub ?? null,
      agencyId: entry.agencyId ?? null,
      action: entry.action,
      caseId: entry.caseId ?? null,
      compartment: entry.compartment ?? null,
      requestId: entry.requestId ?? null,
      detail: entry.detail ?? {},
    };
    await em.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_CHAIN_LOCK]);
    const [last] = (await em.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')) as { hash: string }[];
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditHash(prevHash, fields);
    const [row] = (await em.query(
      `INSERT INTO audit_log (at, actor_sub, agency_id, action, case_id, compartment, request_id, detail, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING id`,
      [
        fields.at,
        fields.actorSub,
        fields.agencyId,
        fields.action,
        fields.caseId,
        fields.compartment,
        fields.requestId,
        JSON.stringify(fields.detail),
        prevHash,
        hash,
      ],
    )) as { id: string }[];
    return { ...fields, id: String(row.id), prevHash, hash };
  }

  /** A case's entries in chain order. The caller checks the reader may see the case. */
  async forCase(caseId: string, limit: number): Promise<AuditRecord[]> {
    const rows = (await this.ds.query(`SELECT ${COLUMNS} FROM audit_log WHERE case_id = $1 ORDER BY id LIMIT $2`, [
      caseId,
      limit,
    ])) as AuditRow[];
    return rows.map(toRecord);
  }

  /** Walks the whole chain in id order, a batch at a time, and names the first row that does not match. */
  async verify(): Promise<AuditVerifyResult> {
    let prevHash = GENESIS_HASH;
    let afterId = '0';
    let rows = 0;
    for (;;) {
      const batch = (await this.ds.query(`SELECT ${COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`, [
        afterId,
        VERIFY_BATCH,
      ])) as AuditRow[];
      for (const raw of batch) {
        const r = toRecord(raw);
        if (r.prevHash !== prevHash) {
          return {
            ok: false,
            brokenAt: r.id,
            reason: "prev_hash does not match the previous row's hash (a row was removed or inserted)",
          };
        }
        if (auditHash(r.prevHash, r) !== r.hash) {
          return { ok: false, brokenAt: r.id, reason: "hash does not match the row's contents (the row was altered)" };
        }
        prevHash = r.hash;
        rows += 1;
      }
      if (batch.length < VERIFY_BATCH) return { ok: true, rows };
      afterId = batch[batch.length - 1].id;
    }
  }
}
