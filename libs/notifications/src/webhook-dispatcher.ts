import { DataSource } from 'typeorm';
import { backoffSeconds, DELIVERY_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './signature';
import { sendWebhook } from './webhook-sender';
import { STRICT_POLICY, type WebhookResolver, type WebhookTargetPolicy } from './webhook-target';

export const MAX_ATTEMPTS = 8;

/** What a failed attempt records: the same for every cause. */
const FAILED = 'failed';

interface DueDelivery {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  notification_id: string;
  kind: string;
  case_id: string | null;
  task_id: string | null;
  sop: string;
  step: string | null;
  created_at: Date;
  detail: Record<string, unknown>;
}

export interface DispatchResult {
  attempted: number;
  delivered: number;
}

/**
 * Drains the webhook outbox: due deliveries are leased (so another worker skips them, and a crash mid-send only
 * delays them by the lease), POSTed signed outside any transaction to a target checked again against `policy` after
 * DNS resolution, and every attempt is written to the delivery log as success or failure only; failures are retried
 * with exponential backoff until MAX_ATTEMPTS.
 */
export async function dispatchDueWebhooks(
  ds: DataSource,
  opts: { batch?: number; timeoutMs?: number; policy?: WebhookTargetPolicy; resolver?: WebhookResolver } = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { attempted: 0, delivered: 0 };
  const due: DueDelivery[] = await ds.query(
    `WITH leased AS (
       UPDATE webhook_deliveries SET next_attempt_at = now() + interval '60 seconds'
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, attempts, webhook_id, notification_id)
     SELECT l.id, l.attempts, w.url, w.secret, n.id AS notification_id, n.kind, n.case_id, n.task_id, n.sop, n.step,
            n.created_at, n.detail
       FROM leased l JOIN agency_webhooks w ON w.id = l.webhook_id JOIN notifications n ON n.id = l.notification_id`,
    [opts.batch ?? 20],
  );
  await Promise.all(
    due.map(async (d) => {
      const body = JSON.stringify({
        id: d.notification_id,
        kind: d.kind,
        caseId: d.case_id,
        sop: d.sop,
        step: d.step,
        taskId: d.task_id,
        createdAt: new Date(d.created_at).toISOString(),
        detail: d.detail,
      });
      const timestamp = Math.floor(Date.now() / 1000).toString();
      const started = new Date();
      const ok = await sendWebhook(
        d.url,
        {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(d.secret, timestamp, body),
          [TIMESTAMP_HEADER]: timestamp,
          [DELIVERY_HEADER]: d.id,
        },
        body,
        { policy: opts.policy ?? STRICT_POLICY, resolver: opts.resolver, timeoutMs: opts.timeoutMs },
      );
      // Success or failure only: the target's status code and error text stay unrecorded (no port-scan oracle).
      const error = ok ? null : FAILED;
      const attempt = d.attempts + 1;
      result.attempted += 1;
      if (ok) result.delivered += 1;
      await ds.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $6, $3, $4, $5)`,
          [d.id, attempt, null, error, Date.now() - started.getTime(), started],
        );
        await tx.query(
          `UPDATE webhook_deliveries
              SET attempts = $2::int, last_status_code = $3::int, last_error = $4::text,
                  status = CASE WHEN $4::text IS NULL THEN 'delivered' WHEN $2::int >= $5::int THEN 'failed' ELSE 'pending' END,
                  delivered_at = CASE WHEN $4::text IS NULL THEN now() END,
                  next_attempt_at = now() + make_interval(secs => $6::int)
            WHERE id = $1`,
          [d.id, attempt, null, error, MAX_ATTEMPTS, backoffSeconds(attempt)],
        );
      });
    }),
  );
  return result;
}
