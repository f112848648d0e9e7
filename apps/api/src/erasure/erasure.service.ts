import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { AuditLog } from '@waymark/audit';
import { CASE_ERASED_CHANNEL, CasePayloadCodec } from '@waymark/codec';
import { DomainException, type Actor } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { TemporalClientHolder } from '@waymark/temporal';
import { requireCaseAction } from '../policy/case-actions';
import { DataSource, type EntityManager } from 'typeorm';

/** What Temporal records as the termination reason: a fixed word, never the requester's reason. */
const TERMINATION_REASON = 'erased';
const GRPC_NOT_FOUND = 5;

export interface ErasureResult {
  caseId: string;
  status: 'erased';
  erasedAt: string;
}

interface CaseRow {
  id: string;
  sop: string;
  participants: Record<string, string>;
  workflow_id: string;
  participant_agencies: string[];
  erased_at: Date | null;
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
  ) {}

  async erase(actor: Actor, caseId: string, reason: string): Promise<ErasureResult> {
    const [row] = (await this.ds.query(
      'SELECT id, sop, participants, workflow_id, participant_agencies, erased_at FROM cases WHERE id = $1',
      [caseId],
    )) as CaseRow[];
    if (!row || !row.participant_agencies.includes(actor.agencyId)) {
      throw new DomainException('not_found', 'No case with this id is visible to your agency.');
    }
    // The lead agency's data-protection officer only (ACCESS_POLICY.caseActions, docs/security/case-actions.md).
    requireCaseAction(row, actor, 'case:erase');
    if (row.erased_at) return { caseId, status: 'erased', erasedAt: row.erased_at.toISOString() };

    // Stop the workflows first, so nothing asks for the key again once it is gone. A failure here leaves the
    // case untouched and the request can be repeated.
    await this.terminateWorkflows(caseId, row.workflow_id);

    const erasedAt = await this.ds.transaction(async (em) => {
      const [locked] = (await em.query('SELECT erased_at FROM cases WHERE id = $1 FOR UPDATE', [caseId])) as {
        erased_at: Date | null;
      }[];
      if (locked.erased_at) return locked.erased_at;
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
    this.logger.log({ msg: 'case erased', caseId });
    return { caseId, status: 'erased', erasedAt: erasedAt.toISOString() };
  }

  /** The case's workflow and every person branch the read model knows; closed or missing ones are fine. */
  private async terminateWorkflows(caseId: string, workflowId: string): Promise<void> {
    const branches = (await this.ds.query(
      'SELECT DISTINCT workflow_id FROM tasks WHERE case_id = $1 AND workflow_id <> $2',
      [caseId, workflowId],
    )) as { workflow_id: string }[];
    const client = await this.temporal.client();
    // The parent first: its close policy terminates the branches, the explicit calls cover those already known.
    for (const id of [workflowId, ...branches.map((b) => b.workflow_id)]) {
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
    await em.query(
      `UPDATE cases SET erased_at = now(), erased_by_sub = $2, erasure_reason = $3,
         age_band = NULL, gender = NULL, nationality = NULL,
         status = CASE WHEN status = 'open' THEN 'cancelled' ELSE status END,
         end_state = CASE WHEN status = 'open' THEN 'erased' ELSE end_state END,
         closed_at = COALESCE(closed_at, now())
       WHERE id = $1`,
      [caseId, actor.sub, reason],
    );
    const [{ erased_at }] = (await em.query('SELECT erased_at FROM cases WHERE id = $1', [caseId])) as {
      erased_at: Date;
    }[];
    await em.query(`UPDATE tasks SET status = 'cancelled' WHERE case_id = $1 AND status = 'open'`, [caseId]);
    // Timeline details carry form answers, notes and reasons; only the person's code (W1, P1, …) is kept.
    await em.query(
      `UPDATE case_timeline SET detail = CASE WHEN detail ? 'subject' THEN jsonb_build_object('subject', detail->'subject') ELSE '{}'::jsonb END
       WHERE case_id = $1`,
      [caseId],
    );
    await em.query(
      `UPDATE consents SET withdrawal_reason = 'erased' WHERE case_id = $1 AND withdrawal_reason IS NOT NULL`,
      [caseId],
    );
    await em.query(`UPDATE notifications SET detail = '{}'::jsonb WHERE case_id = $1`, [caseId]);
    // Replayable answers of earlier requests about the case.
    await em.query(`DELETE FROM idempotency_keys WHERE response_body->>'caseId' = $1`, [caseId]);
    await this.redactCaseRecords(em, caseId);
    return erased_at;
  }

  /** Form values per compartment, where that table exists in this deployment's schema. */
  private async redactCaseRecords(em: EntityManager, caseId: string): Promise<void> {
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
}
