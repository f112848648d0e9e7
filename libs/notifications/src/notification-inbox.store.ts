import type { DataSource } from 'typeorm';

export interface InboxQuery {
  agencyId: string;
  roles: readonly string[];
  sub: string;
  unreadOnly: boolean;
  limit: number;
  offset: number;
}

/**
 * The API's reads and writes of the notification tables (the inbox, read marks, webhooks and their delivery log);
 * the writes of new notifications are NotificationStore's and the outbox's the dispatcher's, in this module too.
 */
export class NotificationInboxStore {
  constructor(private readonly ds: DataSource) {}

  /** A person's notifications: their agency's, for a role they hold, with their own read state. */
  async list(q: InboxQuery): Promise<Record<string, unknown>[]> {
    return (await this.ds.query(
      `SELECT n.id, n.kind, n.case_id, n.task_id, n.sop, n.step, n.created_at, n.detail, r.read_at
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.sub = $3
        WHERE n.agency_id = $1 AND n.roles && $2::text[] AND ($4::boolean IS FALSE OR r.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id
        LIMIT $5 OFFSET $6`,
      [q.agencyId, [...q.roles], q.sub, q.unreadOnly, q.limit, q.offset],
    )) as Record<string, unknown>[];
  }

  async isVisible(id: string, agencyId: string, roles: readonly string[]): Promise<boolean> {
    const [visible] = (await this.ds.query(
      `SELECT 1 FROM notifications WHERE id = $1 AND agency_id = $2 AND roles && $3::text[]`,
      [id, agencyId, [...roles]],
    )) as unknown[];
    return visible !== undefined;
  }

  async markRead(id: string, sub: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO notification_reads (notification_id, sub, read_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`,
      [id, sub],
    );
  }

  async insertWebhook(hook: { id: string; agencyId: string; url: string; secret: string }): Promise<void> {
    await this.ds.query(`INSERT INTO agency_webhooks (id, agency_id, url, secret) VALUES ($1, $2, $3, $4)`, [
      hook.id,
      hook.agencyId,
      hook.url,
      hook.secret,
    ]);
  }

  async listWebhooks(agencyId: string): Promise<{ id: string; url: string; active: boolean; created_at: Date }[]> {
    return (await this.ds.query(
      `SELECT id, url, active, created_at FROM agency_webhooks WHERE agency_id = $1 ORDER BY created_at`,
      [agencyId],
    )) as { id: string; url: string; active: boolean; created_at: Date }[];
  }

  async webhookInAgency(webhookId: string, agencyId: string): Promise<boolean> {
    const [hook] = (await this.ds.query(`SELECT 1 FROM agency_webhooks WHERE id = $1 AND agency_id = $2`, [
      webhookId,
      agencyId,
    ])) as unknown[];
    return hook !== undefined;
  }

  /** The delivery log of one webhook: every delivery with its attempts. */
  /** Each attempt as a success or a failure only: no target status code, error text or timing. */
  async deliveries(webhookId: string): Promise<Record<string, unknown>[]> {
    return (await this.ds.query(
      `SELECT d.id, d.notification_id, d.status, d.attempts, d.created_at, d.delivered_at,
              COALESCE(json_agg(json_build_object('attempt', a.attempt, 'at', a.at,
                'outcome', CASE WHEN a.error IS NULL THEN 'success' ELSE 'failure' END)
                ORDER BY a.attempt) FILTER (WHERE a.id IS NOT NULL), '[]') AS log
         FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
        WHERE d.webhook_id = $1
        GROUP BY d.id ORDER BY d.created_at DESC LIMIT 200`,
      [webhookId],
    )) as Record<string, unknown>[];
  }
}
