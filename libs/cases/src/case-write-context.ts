import { Logger } from '@nestjs/common';
import { AuditLog, type AuditDetail } from '@waymark/audit';
import type { CaseKeyring } from '@waymark/codec';
import type { CompartmentRecords } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { NotificationStore } from '@waymark/notifications';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseRecordStore, type CaseRecordMeta } from './case-record.store';
import { CaseRowStore } from './case-row.store';
import { CaseTimelineStore, type TimelineWrite } from './case-timeline.store';
import { ConsentStore } from './consent.store';
import { EscalationStore } from './escalation.store';

/**
 * What every read-model write shares: the per-table stores (each the only owner of its table's SQL, see
 * libs/database/src/table-owners.ts), the erasure guard and the audit entry of a write.
 */
export class CaseWriteContext {
  protected readonly logger = new Logger('CaseStore');
  readonly rows: CaseRowStore;
  readonly records: CaseRecordStore;
  readonly timeline = new CaseTimelineStore();
  readonly consents: ConsentStore;
  readonly escalations: EscalationStore;

  constructor(
    readonly ds: DataSource,
    readonly notifications: NotificationStore,
    readonly audit: AuditLog,
    keyring: CaseKeyring,
  ) {
    this.rows = new CaseRowStore(ds);
    this.records = new CaseRecordStore(ds, keyring);
    this.consents = new ConsentStore(ds);
    this.escalations = new EscalationStore(ds);
  }

  /**
   * Holds the case row against an erasure until this transaction ends, and says whether anything may still be
   * written about the case (see CaseRowStore.lockErasedAt).
   */
  async notErased(em: EntityManager, caseId: string, lock: 'share' | 'update'): Promise<boolean> {
    if (!(await this.rows.lockErasedAt(em, caseId, lock))) return true;
    this.logger.log({ msg: 'write skipped: the case was erased', caseId });
    return false;
  }

  /** Writes one `case_records` row per compartment; returns whether any row is new (retries find them written). */
  writeRecords(em: EntityManager, records: CompartmentRecords | undefined, meta: CaseRecordMeta): Promise<boolean> {
    return this.records.write(em, records, meta);
  }

  /** Returns whether the entry is new (false when a retry finds it already written). */
  appendTimeline(em: EntityManager, entry: TimelineWrite): Promise<boolean> {
    return this.timeline.append(em, entry);
  }

  /**
   * The audit entry of a read-model write, in the write's transaction and as its last statement (the audit chain's
   * lock is then held only until the commit). Only the first, effective write is audited: the timeline's event key
   * tells a retried activity apart from a new fact.
   */
  async auditWrite(
    em: EntityManager,
    kind: string,
    caseId: string,
    agencyId: string | null | undefined,
    actorSub: string | null | undefined,
    detail: AuditDetail,
    records?: CompartmentRecords,
  ): Promise<void> {
    await this.audit.append(
      {
        action: `workflow:${kind}`,
        caseId,
        agencyId,
        actorSub,
        compartment: compartmentsOf(records),
        requestId: requestContext.get()?.requestId ?? null,
        detail,
      },
      em,
    );
  }
}

/** The compartments a write touched, for the audit entry's `compartment` column (comma-separated, sorted). */
export function compartmentsOf(records: CompartmentRecords | undefined): string | null {
  const names = Object.entries(records ?? {})
    .filter(([, data]) => data && Object.keys(data).length > 0)
    .map(([name]) => name)
    .sort();
  return names.length > 0 ? names.join(',') : null;
}
