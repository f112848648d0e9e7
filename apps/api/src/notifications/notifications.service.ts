import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { DomainException, type Actor } from '@waymark/contracts';
import {
  NotificationInboxStore,
  checkWebhookUrl,
  webhookTargetPolicy,
  type WebhookTargetPolicy,
} from '@waymark/notifications';
import { randomBytes, randomUUID } from 'node:crypto';
import { CaseEntity } from '@waymark/database';
import { DataSource } from 'typeorm';
import { HIDDEN_SLOTS, hiddenFrom } from '../cases/case-visibility';

/** SOPs with a slot whose agency learns of a case only under consent or a task (the origin agencies of a return). */
const HIDDEN_SOPS = new Set(HIDDEN_SLOTS.map((k) => k.slice(0, k.indexOf(':'))));

/** Who may register and inspect an agency's webhooks. */
export const WEBHOOK_ADMIN_ROLES = ['agency-admin', 'manager'];

@Injectable()
export class NotificationsService {
  private readonly inbox: NotificationInboxStore;
  private readonly webhookPolicy: WebhookTargetPolicy;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) config: WaymarkConfig,
  ) {
    this.inbox = new NotificationInboxStore(ds);
    this.webhookPolicy = webhookTargetPolicy(config.env);
  }

  /** The caller's notifications: their agency's, for a role they hold, with their own read state. */
  async list(actor: Actor, unreadOnly: boolean, limit: number, offset = 0) {
    const rows = await this.inbox.list({
      agencyId: actor.agencyId,
      roles: actor.roles,
      sub: actor.sub,
      unreadOnly,
      limit,
      offset,
    });
    // A case hidden from the agency again (the consent naming it withdrawn) takes its earlier notices with it: a
    // withdrawal takes effect at once wherever data leaves, the notification list included.
    const hidden = new Set<string>();
    const hiddenSopCases = rows.filter((r) => r.case_id !== null && HIDDEN_SOPS.has(String(r.sop)));
    for (const caseId of new Set(hiddenSopCases.map((r) => String(r.case_id)))) {
      const kase = await this.ds.getRepository(CaseEntity).findOneBy({ id: caseId });
      if (kase && (await hiddenFrom(this.ds.manager, kase, actor.agencyId))) hidden.add(caseId);
    }
    return {
      items: rows
        .filter((r) => !hidden.has(String(r.case_id)))
        .map((r) => ({
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
    if (!(await this.inbox.isVisible(id, actor.agencyId, actor.roles)))
      throw new DomainException('not_found', 'No such notification for you.');
    await this.inbox.markRead(id, actor.sub);
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
    await this.inbox.insertWebhook({ id, agencyId: actor.agencyId, url: target.value.href, secret });
    return { id, url: target.value.href, secret, active: true };
  }

  async listWebhooks(actor: Actor) {
    this.requireAdmin(actor);
    const rows = await this.inbox.listWebhooks(actor.agencyId);
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
    if (!(await this.inbox.webhookInAgency(webhookId, actor.agencyId)))
      throw new DomainException('not_found', 'No such webhook in your agency.');
    const rows = await this.inbox.deliveries(webhookId);
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
