import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { chainPending } from './audit-chainer';
import { auditHash, GENESIS_HASH, type AuditDetail, type HashedAuditFields } from './audit-hash';

/** How often each API and worker links the entries written meanwhile into the chain (one of them at a time). */
const CHAIN_EVERY_MS = 250;

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
  /** Null for an entry written in the last moments and not linked into the chain yet. */
  prevHash: string | null;
  hash: string | null;
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
  prev_hash: string | null;
  hash: string | null;
}

/** An entry with its link in the chain (`c`), if it has one yet. */
const COLUMNS =
  'l.id, l.at, l.actor_sub, l.agency_id, l.action, l.case_id, l.compartment, l.request_id, l.detail, c.prev_hash, c.hash';

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

/**
 * The hash-chained, append-only audit log: entries in `audit_log`, their links in `audit_chain` (both refuse UPDATE
 * and DELETE by trigger). Appending is one insert in the writer's own transaction, with no lock: the entry commits
 * or rolls back with the write it records. A chainer in each API and worker process links new entries every
 * CHAIN_EVERY_MS (see audit-chainer.ts); reading a case's entries and verifying link them first.
 */
@Injectable()
export class AuditLog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuditLog');
  private timer?: NodeJS.Timeout;
  private chaining?: Promise<unknown>;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.chainInBackground(), CHAIN_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.chaining;
  }

  private async chainInBackground(): Promise<void> {
    if (this.chaining || !this.ds.isInitialized) return;
    this.chaining = chainPending(this.ds).catch((err: unknown) =>
      this.logger.warn(`Linking audit entries failed; the next run tries again: ${(err as Error).message}`),
    );
    await this.chaining;
    this.chaining = undefined;
  }

  /** Appends one entry, inside `em`'s transaction when given (so it commits or rolls back with what it records). */
  async append(entry: AuditEntry, em?: EntityManager): Promise<void> {
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
    await (em ?? this.ds.manager).query(
      `WITH entry AS (
         INSERT INTO audit_log (at, actor_sub, agency_id, action, case_id, compartment, request_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id)
       INSERT INTO audit_pending (audit_id) SELECT id FROM entry`,
      [
        fields.at,
        fields.actorSub,
        fields.agencyId,
        fields.action,
        fields.caseId,
        fields.compartment,
        fields.requestId,
        JSON.stringify(fields.detail),
      ],
    );
  }

  /** Links every entry committed so far (waiting for a chainer that is running); returns how many it linked. */
  async chainNow(): Promise<number> {
    return chainPending(this.ds, { wait: true });
  }

  /** A case's entries in chain order. The caller checks the reader may see the case. */
  async forCase(caseId: string, limit: number): Promise<AuditRecord[]> {
    await this.chainNow();
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM audit_log l LEFT JOIN audit_chain c ON c.audit_id = l.id
        WHERE l.case_id = $1 ORDER BY l.id LIMIT $2`,
      [caseId, limit],
    )) as AuditRow[];
    return rows.map(toRecord);
  }

  /**
   * Links what is pending, then walks the whole chain in order, a batch at a time, and names the first entry that
   * does not match: a link whose previous hash is not the one before (a link removed or inserted), an entry whose
   * contents no longer give its hash (altered), or an entry no link holds (written, then kept out of the chain).
   */
  async verify(): Promise<AuditVerifyResult> {
    await this.chainNow();
    let prevHash = GENESIS_HASH;
    let afterSeq = '0';
    let rows = 0;
    for (;;) {
      const batch = (await this.ds.query(
        `SELECT c.seq, ${COLUMNS} FROM audit_chain c JOIN audit_log l ON l.id = c.audit_id
          WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`,
        [afterSeq, VERIFY_BATCH],
      )) as (AuditRow & { seq: string })[];
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
      if (batch.length < VERIFY_BATCH) break;
      afterSeq = batch[batch.length - 1].seq;
    }
    const [unlinked] = (await this.ds.query(
      `SELECT l.id FROM audit_log l
        WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.audit_id = l.id)
          AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.audit_id = l.id)
        ORDER BY l.id LIMIT 1`,
    )) as { id: string }[];
    if (unlinked) {
      return {
        ok: false,
        brokenAt: String(unlinked.id),
        reason: 'the row is in no link of the chain (it was kept out)',
      };
    }
    return { ok: true, rows };
  }
}
