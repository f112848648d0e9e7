import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { DomainException, type Actor } from '@waymark/contracts';
import { checkWebhookUrl, webhookTargetPolicy, type WebhookTargetPolicy } from '@waymark/notifications';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Who may register and inspect an agency's webhooks. */
export const WEBHOOK_ADMIN_ROLES = ['agency-admin', 'manager'];

@Injectable()
export class NotificationsService {
  private readonly webhookPolicy: WebhookTargetPolicy;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) config: WaymarkConfig,
  ) {
    this.webhookPolicy = webhookTargetPolicy(config.env);
  }

  /** The caller's notifications: their agency's, for a role they hold, with their own read state. */
  async list(actor: Actor, unreadOnly: boolean, limit: number, offset = 0) {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT n.id, n.kind, n.case_id, n.task_id, n.sop, n.step, n.created_at, n.detail, r.read_at
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.sub = $3
        WHERE n.agency_id = $1 AND n.roles && $2::text[] AND ($4::boolean IS FALSE OR r.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id
        LIMIT $5 OFFSET $6`,
      [actor.agencyId, [...actor.roles], actor.sub, unreadOnly, limit, offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        caseId: r.case_id,
        taskId: r.task_id,
        sop: r.sop,
        step: r.step,
        createdAt: (r.created_at as Date).toISOString(),
        detail: r.detail,
        read: r.read_at !== null,
      })),
    };
  }

  async markRead(actor: Actor, id: string) {
    const [visible] = await this.ds.query(
      `SELECT 1 FROM notifications WHERE id = $1 AND agency_id = $2 AND roles && $3::text[]`,
      [id, actor.agencyId, [...actor.roles]],
    );
    if (!visible) throw new DomainException('not_found', 'No such notification for you.');
    await this.ds.query(
      `INSERT INTO notification_reads (notification_id, sub, read_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`,
      [id, actor.sub],
    );
    return { id, read: true };
  }

  private requireAdmin(actor: Actor): void {
    if (!actor.roles.some((r) => WEBHOOK_ADMIN_ROLES.includes(r))) {
      throw new DomainException(
        'forbidden',
        `Managing webhooks needs one of the roles: ${WEBHOOK_ADMIN_ROLES.join(', ')}.`,
      );
    }
  }

  /**
   * Registers a webhook; the signing secret is shown once, in this answer. The target is checked here (its host
   * resolved and every address judged) and again at every delivery; the reason never echoes the URL.
   */
  async createWebhook(actor: Actor, url: string) {
    this.requireAdmin(actor);
    const target = await checkWebhookUrl(url, this.webhookPolicy);
    if (!target.ok) {
      throw new DomainException('validation_failed', 'The webhook target is not allowed; see `fields`.', [
        { field: 'url', reason: target.reason },
      ]);
    }
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.ds.query(`INSERT INTO agency_webhooks (id, agency_id, url, secret) VALUES ($1, $2, $3, $4)`, [
      id,
      actor.agencyId,
      target.value.href,
      secret,
    ]);
    return { id, url: target.value.href, secret, active: true };
  }

  async listWebhooks(actor: Actor) {
    this.requireAdmin(actor);
    const rows: { id: string; url: string; active: boolean; created_at: Date }[] = await this.ds.query(
      `SELECT id, url, active, created_at FROM agency_webhooks WHERE agency_id = $1 ORDER BY created_at`,
      [actor.agencyId],
    );
    return {
      items: rows.map((r) => ({ id: r.id, url: r.url, active: r.active, createdAt: r.created_at.toISOString() })),
    };
  }

  /**
   * The delivery log of one webhook: every delivery with its attempts, each a success or a failure only. The
   * target's status codes, error texts and timings are never shown: they would make webhooks a port scanner.
   */
  async deliveries(actor: Actor, webhookId: string) {
    this.requireAdmin(actor);
    const [hook] = await this.ds.query(`SELECT 1 FROM agency_webhooks WHERE id = $1 AND agency_id = $2`, [
      webhookId,
      actor.agencyId,
    ]);
    if (!hook) throw new DomainException('not_found', 'No such webhook in your agency.');
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT d.id, d.notification_id, d.status, d.attempts, d.created_at, d.delivered_at,
              COALESCE(json_agg(json_build_object('attempt', a.attempt, 'at', a.at,
                'outcome', CASE WHEN a.error IS NULL THEN 'success' ELSE 'failure' END)
                ORDER BY a.attempt) FILTER (WHERE a.id IS NOT NULL), '[]') AS log
         FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
        WHERE d.webhook_id = $1
        GROUP BY d.id ORDER BY d.created_at DESC LIMIT 200`,
      [webhookId],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        notificationId: r.notification_id,
        status: r.status,
        attempts: r.attempts,
        createdAt: (r.created_at as Date).toISOString(),
        deliveredAt: r.delivered_at ? (r.delivered_at as Date).toISOString() : null,
        log: r.log,
      })),
    };
  }
}
