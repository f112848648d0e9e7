import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { AuditLog } from '@waymark/audit';
import { CaseStore } from '@waymark/cases';
import { CASE_ERASED_CHANNEL, CasePayloadCodec } from '@waymark/codec';
import { DomainException, type Actor } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { NotificationStore } from '@waymark/notifications';
import { TemporalClientHolder } from '@waymark/temporal';
import { requireCaseAction } from '../policy/case-actions';
import { DataSource, type EntityManager } from 'typeorm';
import { redactIdempotentAnswers } from '../common/idempotency.interceptor';
import { ReferralsService } from '../referrals/referrals.service';

/** What Temporal records as the termination reason: a fixed word, never the requester's reason. */
const TERMINATION_REASON = 'erased';
const GRPC_NOT_FOUND = 5;

export interface ErasureResult {
  caseId: string;
  status: 'erased';
  erasedAt: string;
}

/**
 * Erasing a case: its workflows are terminated, its data key destroyed (so its Temporal history, and any backup
 * or export of it, can no longer be decrypted), and the read model redacted, in one transaction with an audit
 * entry. Idempotent: erasing an erased case answers the same outcome again.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger('Erasure');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientHolder,
    private readonly codec: CasePayloadCodec,
    private readonly audit: AuditLog,
    private readonly store: CaseStore,
    private readonly notifications: NotificationStore,
    private readonly referrals: ReferralsService,
  ) {}

  async erase(actor: Actor, caseId: string, reason: string): Promise<ErasureResult> {
    const row = await this.store.rows.forErasure(caseId);
    if (!row || !row.participant_agencies.includes(actor.agencyId)) {
      throw new DomainException('not_found', 'No case with this id is visible to your agency.');
    }
    // The lead agency's data-protection officer only (ACCESS_POLICY.caseActions, docs/security/case-actions.md).
    requireCaseAction(row, actor, 'case:erase');
    if (row.erased_at) return { caseId, status: 'erased', erasedAt: row.erased_at.toISOString() };
    return this.destroy(actor, caseId, row.workflow_id, reason);
  }

  /**
   * A case started from a received cross-border referral whose consent was withdrawn: erased as the receiving
   * agency (no person asks here; the sender's withdrawal notice does). Idempotent as `erase`.
   */
  async eraseForWithdrawnReferral(caseId: string, agencyId: string): Promise<ErasureResult | undefined> {
    const row = await this.store.rows.forErasure(caseId);
    if (!row) return undefined;
    if (row.erased_at) return { caseId, status: 'erased', erasedAt: row.erased_at.toISOString() };
    const actor: Actor = { sub: 'referral-withdrawal', agencyId, roles: [] };
    return this.destroy(actor, caseId, row.workflow_id, 'referral consent withdrawn');
  }

  private async destroy(actor: Actor, caseId: string, workflowId: string, reason: string): Promise<ErasureResult> {
    // Stop the workflows first, so nothing asks for the key again once it is gone. A failure here leaves the
    // case untouched and the request can be repeated.
    await this.terminateWorkflows(caseId, workflowId);

    const erasedAt = await this.ds.transaction(async (em) => {
      const locked = await this.store.rows.lockErasedAt(em, caseId, 'update');
      if (locked) return locked;
      await this.codec.keyring.destroy(caseId, (sql, params) => em.query(sql, params));
      // Every other process drops its cached copy of the key when this commits (libs/codec/src/erasure-listener.ts).
      await em.query('SELECT pg_notify($1, $2)', [CASE_ERASED_CHANNEL, caseId]);
      const at = await this.redact(em, caseId, actor, reason);
      await this.audit.append(
        {
          action: 'case-erased',
          actorSub: actor.sub,
          agencyId: actor.agencyId,
          caseId,
          requestId: requestContext.get()?.requestId ?? null,
          detail: { outcome: 'ok' },
        },
        em,
      );
      return at;
    });
    // Evict again after commit: a decode in this process between destroy and commit may have cached the old row.
    this.codec.keyring.forget(caseId);
    // What the case sent abroad is withdrawn: each partner erases what it received and confirms.
    await this.referrals.caseErased(caseId, erasedAt.toISOString());
    this.logger.log({ msg: 'case erased', caseId });
    return { caseId, status: 'erased', erasedAt: erasedAt.toISOString() };
  }

  /** The case's workflow and every person branch the read model knows; closed or missing ones are fine. */
  private async terminateWorkflows(caseId: string, workflowId: string): Promise<void> {
    const branches = await this.store.rows.branchWorkflowIds(caseId, workflowId);
    const client = await this.temporal.client();
    // The parent first: its close policy terminates the branches, the explicit calls cover those already known.
    for (const id of [workflowId, ...branches]) {
      try {
        await client.workflow.getHandle(id).terminate(TERMINATION_REASON);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) continue;
        if (err instanceof ServiceError && (err.cause as { code?: number } | undefined)?.code === GRPC_NOT_FOUND)
          continue;
        throw err;
      }
    }
  }

  /**
   * Removes everything about the person from the read model. What stays is what the audit chain and the
   * statistics need without identifying anyone: ids, SOP, steps, agencies, times.
   */
  private async redact(em: EntityManager, caseId: string, actor: Actor, reason: string): Promise<Date> {
    const erasedAt = await this.store.rows.redact(em, caseId, actor.sub, reason);
    await this.store.timeline.redact(em, caseId);
    await this.store.consents.redact(em, caseId);
    await this.notifications.redactCase(em, caseId);
    // Replayable answers of earlier requests about the case.
    await redactIdempotentAnswers(em, caseId);
    await this.store.records.redact(em, caseId);
    return erasedAt;
  }
}
