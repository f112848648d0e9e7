import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

export type NotificationKind =
  | 'reminder'
  | 'escalation'
  | 'deadline-extended'
  | 'consent-withdrawn'
  | 'case-cancelled'
  | 'waiting-for-consent'
  | 'participant-joined'
  | 'participant-left'
  | 'task-assigned'
  | 'task-arrived'
  | 'break-glass'
  // Cross-border referrals (docs/referral-protocol.md)
  | 'referral-no-ack'
  | 'referral-no-decision'
  | 'referral-refused'
  | 'referral-decision'
  | 'referral-status'
  | 'referral-withdrawn'
  // A referral received, before any case exists for it (caseId null; detail.referralId names it).
  | 'referral-received';

export interface NotifyInput {
  /** Makes the write idempotent under activity retries (e.g. `<taskId>:reminder`). */
  key: string;
  agencyId: string;
  /** Roles of the agency the notification is for. */
  roles: readonly string[];
  kind: NotificationKind;
  /** Null only for news that precedes any case (a referral received from abroad). */
  caseId: string | null;
  sop: string;
  step?: string;
  taskId?: string;
  at: string;
  /** Ids, codes and times only: never personal data. */
  detail?: Record<string, unknown>;
}

/** A stable UUID from a key, so a retried write lands on the same row. */
export function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * In-app notifications and the webhook outbox. A notification and its pending deliveries (one per active webhook
 * of the agency) are written in one transaction; the worker's dispatcher drains the outbox with retries.
 */
@Injectable()
export class NotificationStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async notify(input: NotifyInput, em: EntityManager = this.ds.manager): Promise<string> {
    const id = uuidFromKey(`notification:${input.key}`);
    const run = async (tx: EntityManager) => {
      const inserted = await tx.query(
        `INSERT INTO notifications (id, agency_id, roles, kind, case_id, task_id, sop, step, created_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          id,
          input.agencyId,
          [...input.roles],
          input.kind,
          input.caseId,
          input.taskId ?? null,
          input.sop,
          input.step ?? null,
          new Date(input.at),
          JSON.stringify(input.detail ?? {}),
        ],
      );
      if (inserted.length === 0) return;
      await tx.query(
        `INSERT INTO webhook_deliveries (id, webhook_id, notification_id, status, next_attempt_at)
         SELECT gen_random_uuid(), w.id, $1, 'pending', now() FROM agency_webhooks w WHERE w.agency_id = $2 AND w.active
         ON CONFLICT (webhook_id, notification_id) DO NOTHING`,
        [id, input.agencyId],
      );
    };
    if (em.queryRunner?.isTransactionActive) await run(em);
    else await this.ds.transaction(run);
    return id;
  }

  /** Erasure: a notification's detail goes; ids, kinds and times stay for the agency's inbox history. */
  async redactCase(em: EntityManager, caseId: string): Promise<void> {
    await em.query(`UPDATE notifications SET detail = '{}'::jsonb WHERE case_id = $1`, [caseId]);
  }
}
