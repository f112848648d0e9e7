import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog, type AuditDetail } from '@waymark/audit';
import { NotificationStore, uuidFromKey } from '@waymark/notifications';
import type {
  CompartmentId,
  CompartmentRecords,
  ClaimTaskRecordInput,
  DeadlineEventInput,
  DeadlineExtendedInput,
  CloseCaseInput,
  TimelineNoteInput,
  CompleteTaskRecordInput,
  ConsentWaitInput,
  FindConsentInput,
  RecordStepConsentsInput,
  OpenTaskInput,
  RecordCaseOpenedInput,
} from '@waymark/contracts';
import { CaseEntity, TaskEntity } from '@waymark/database';
import { requestContext } from '@waymark/logging';
import { DataSource, type EntityManager } from 'typeorm';

export interface CaseRecordMeta {
  caseId: string;
  /** Unique per write; each compartment's row gets `<keyPrefix>:<compartment>`. */
  keyPrefix: string;
  source: 'intake' | 'task' | 'event' | 'note';
  step?: string | null;
  subject?: string | null;
  agencyId: string;
  actorSub: string;
  recordedAt: string | Date;
}

export interface CaseNoteInput {
  caseId: string;
  noteId: string;
  compartment: CompartmentId;
  text: string;
  subject?: string;
  agencyId: string;
  actorSub: string;
  recordedAt: string;
}

export interface TimelineWrite {
  caseId: string;
  eventKey: string;
  at: string | Date;
  kind: string;
  step?: string | null;
  agencyId?: string | null;
  actorSub?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Writes the read model. Every method is idempotent (keys derive from the case, task and step), because
 * activities are retried and a case row may be written by both the API and the workflow.
 */
@Injectable()
export class CaseStore {
  private readonly logger = new Logger('CaseStore');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationStore,
    private readonly audit: AuditLog,
  ) {}

  async recordCaseOpened(input: RecordCaseOpenedInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(CaseEntity)
        .values({
          id: input.caseId,
          sop: input.sop,
          sopVersion: input.sopVersion,
          workflowId: input.workflowId,
          status: 'open',
          endState: null,
          participants: input.participants,
          participantAgencies: [...new Set(Object.values(input.participants))].sort(),
          openedByAgency: input.openedBy.agencyId,
          openedAt: new Date(input.openedAt),
          closedAt: null,
          ageBand: input.demographics?.ageBand ?? null,
          personIsMinor: input.personIsMinor ?? false,
          gender: input.demographics?.gender ?? null,
          nationality: input.demographics?.nationality ?? null,
        })
        .orIgnore()
        .execute();
      await this.writeRecords(em, input.records, {
        caseId: input.caseId,
        keyPrefix: `${input.caseId}:intake`,
        source: 'intake',
        agencyId: input.openedBy.agencyId,
        actorSub: input.openedBy.sub,
        recordedAt: input.openedAt,
      });
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.caseId}:opened`,
        at: input.openedAt,
        kind: 'case-opened',
        agencyId: input.openedBy.agencyId,
        actorSub: input.openedBy.sub,
        detail: { sop: input.sop, sopVersion: input.sopVersion },
      });
      if (fresh) {
        await this.auditWrite(
          em,
          'case-opened',
          input.caseId,
          input.openedBy.agencyId,
          input.openedBy.sub,
          { sop: input.sop, sopVersion: input.sopVersion },
          input.records,
        );
      }
    });
  }

  async openTask(input: OpenTaskInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      // A person's branch may still be opening a task when its case closes; a closed case gets no new tasks.
      const [open] = await em.query(`SELECT 1 FROM cases WHERE id = $1 AND status = 'open' FOR SHARE`, [input.caseId]);
      if (!open) return;
      await em
        .createQueryBuilder()
        .insert()
        .into(TaskEntity)
        .values({
          id: input.taskId,
          caseId: input.caseId,
          workflowId: input.workflowId,
          subject: input.subject ?? null,
          phase: input.phase ?? null,
          claimedBy: null,
          claimedAt: null,
          sop: input.sop,
          step: input.step,
          title: input.title,
          agencyId: input.agencyId,
          roles: [...input.roles],
          status: 'open',
          openedAt: new Date(input.openedAt),
          dueAt: input.dueAt ? new Date(input.dueAt) : null,
          targetMs: input.targetMs ?? null,
          pausesAgencyClock: input.pausesAgencyClock ?? false,
          remindedAt: null,
          escalatedAt: null,
          completedBy: null,
          completedAt: null,
        })
        .orIgnore()
        .execute();
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:opened`,
        at: input.openedAt,
        kind: 'task-opened',
        step: input.step,
        agencyId: input.agencyId,
        detail: {
          taskId: input.taskId,
          dueAt: input.dueAt ?? null,
          ...(input.subject ? { subject: input.subject } : {}),
        },
      });
      if (fresh) {
        await this.auditWrite(em, 'task-opened', input.caseId, input.agencyId, null, {
          taskId: input.taskId,
          sop: input.sop,
          step: input.step,
        });
      }
    });
  }

  async recordTaskCompleted(input: CompleteTaskRecordInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      await em.update(
        TaskEntity,
        { id: input.taskId, status: 'open' },
        { status: 'completed', completedBy: input.actor.sub, completedAt: new Date(input.completedAt) },
      );
      await this.writeRecords(em, input.records, {
        caseId: input.caseId,
        keyPrefix: `${input.taskId}:completed`,
        source: 'task',
        step: input.step,
        subject: input.subject,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        recordedAt: input.completedAt,
      });
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:completed`,
        at: input.completedAt,
        kind: 'task-completed',
        step: input.step,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        detail: { taskId: input.taskId },
      });
      if (fresh) {
        await this.auditWrite(
          em,
          'task-completed',
          input.caseId,
          input.actor.agencyId,
          input.actor.sub,
          { taskId: input.taskId, step: input.step },
          input.records,
        );
      }
    });
  }

  async recordTaskClaimed(input: ClaimTaskRecordInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      await em.update(
        TaskEntity,
        { id: input.taskId, status: 'open' },
        { claimedBy: input.actor.sub, claimedAt: new Date(input.claimedAt) },
      );
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:claimed:${input.actor.sub}`,
        at: input.claimedAt,
        kind: 'task-claimed',
        step: input.step,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        detail: { taskId: input.taskId },
      });
      if (fresh) {
        await this.auditWrite(em, 'task-claimed', input.caseId, input.actor.agencyId, input.actor.sub, {
          taskId: input.taskId,
          step: input.step,
        });
      }
    });
  }

  async recordTimeline(input: TimelineNoteInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      if (input.records && input.agencyId && input.actorSub) {
        await this.writeRecords(em, input.records, {
          caseId: input.caseId,
          keyPrefix: `${input.caseId}:${input.key}`,
          source: 'event',
          step: input.step,
          subject: input.subject,
          agencyId: input.agencyId,
          actorSub: input.actorSub,
          recordedAt: input.at,
        });
      }
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.caseId}:${input.key}`,
        at: input.at,
        kind: input.kind,
        step: input.step,
        agencyId: input.agencyId,
        actorSub: input.actorSub,
        detail: input.detail,
      });
      // The note's detail can hold an event's data: the audit entry keeps only its kind and step.
      if (fresh) {
        await this.auditWrite(
          em,
          'timeline-note',
          input.caseId,
          input.agencyId,
          input.actorSub,
          { kind: input.kind, step: input.step ?? null },
          input.records,
        );
      }
    });
  }

  /** Part-way to a deadline: the task's agency and roles are reminded. */
  async recordReminder(input: DeadlineEventInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      await em.update(TaskEntity, { id: input.taskId }, { remindedAt: new Date(input.at) });
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:reminder:${input.dueAt}`,
        at: input.at,
        kind: 'task-reminder',
        step: input.step,
        agencyId: input.agencyId,
        detail: { taskId: input.taskId, dueAt: input.dueAt, ...(input.subject ? { subject: input.subject } : {}) },
      });
      await this.notifications.notify(
        {
          key: `${input.taskId}:reminder:${input.dueAt}`,
          kind: 'reminder',
          ...this.notice(input),
          detail: { dueAt: input.dueAt },
        },
        em,
      );
      if (fresh)
        await this.auditWrite(em, 'task-reminder', input.caseId, input.agencyId, null, this.deadlineDetail(input));
    });
  }

  /** At the breach: an escalation on the case and a notification to the responsible agency's supervisors. */
  async recordEscalation(input: DeadlineEventInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      await em.update(TaskEntity, { id: input.taskId }, { escalatedAt: new Date(input.at) });
      await em.query(
        `INSERT INTO escalations (id, case_id, task_id, sop, step, agency_id, supervisor_roles, due_at, escalated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (task_id, due_at) DO NOTHING`,
        [
          uuidFromKey(`escalation:${input.taskId}:${input.dueAt}`),
          input.caseId,
          input.taskId,
          input.sop,
          input.step,
          input.agencyId,
          [...input.roles],
          new Date(input.dueAt),
          new Date(input.at),
        ],
      );
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:escalated:${input.dueAt}`,
        at: input.at,
        kind: 'task-escalated',
        step: input.step,
        agencyId: input.agencyId,
        detail: {
          taskId: input.taskId,
          dueAt: input.dueAt,
          supervisorRoles: input.roles,
          ...(input.subject ? { subject: input.subject } : {}),
        },
      });
      await this.notifications.notify(
        {
          key: `${input.taskId}:escalation:${input.dueAt}`,
          kind: 'escalation',
          ...this.notice(input),
          detail: { dueAt: input.dueAt },
        },
        em,
      );
      if (fresh)
        await this.auditWrite(em, 'task-escalated', input.caseId, input.agencyId, null, this.deadlineDetail(input));
    });
  }

  async recordDeadlineExtended(input: DeadlineExtendedInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      await em.update(
        TaskEntity,
        { id: input.taskId },
        { dueAt: new Date(input.dueAt), remindedAt: null, escalatedAt: null },
      );
      await em.query(
        `UPDATE escalations SET resolved_at = $2, resolution = 'deadline-extended' WHERE task_id = $1 AND resolved_at IS NULL`,
        [input.taskId, new Date(input.at)],
      );
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:extended:${input.dueAt}`,
        at: input.at,
        kind: 'deadline-extended',
        step: input.step,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        // The reason is the supervisor's own words about the deadline; kept for the case's participants.
        detail: { taskId: input.taskId, previousDueAt: input.previousDueAt, dueAt: input.dueAt, reason: input.reason },
      });
      await this.notifications.notify(
        {
          key: `${input.taskId}:extended:${input.dueAt}`,
          kind: 'deadline-extended',
          ...this.notice(input),
          detail: { dueAt: input.dueAt },
        },
        em,
      );
      // Not the reason: it is the supervisor's own words.
      if (fresh)
        await this.auditWrite(
          em,
          'deadline-extended',
          input.caseId,
          input.actor.agencyId,
          input.actor.sub,
          this.deadlineDetail(input),
        );
    });
  }

  private notice(input: DeadlineEventInput) {
    return {
      agencyId: input.agencyId,
      roles: input.roles,
      caseId: input.caseId,
      sop: input.sop,
      step: input.step,
      taskId: input.taskId,
      at: input.at,
    };
  }

  async closeCase(input: CloseCaseInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'update'))) return;
      await em.update(
        CaseEntity,
        { id: input.caseId, status: 'open' },
        { status: input.status, endState: input.endState, closedAt: new Date(input.closedAt) },
      );
      await em.update(TaskEntity, { caseId: input.caseId, status: 'open' }, { status: 'cancelled' });
      const kind = input.status === 'cancelled' ? 'case-cancelled' : 'case-completed';
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.caseId}:closed`,
        at: input.closedAt,
        kind,
        agencyId: input.actor?.agencyId ?? null,
        actorSub: input.actor?.sub ?? null,
        // The reason is free text an agency typed: kept on the timeline for the case's participants only.
        detail: { endState: input.endState, ...(input.reason ? { reason: input.reason } : {}) },
      });
      if (fresh) {
        await this.auditWrite(em, kind, input.caseId, input.actor?.agencyId, input.actor?.sub, {
          endState: input.endState,
        });
      }
    });
  }

  /** An active consent of this purpose (naming the agency, for sharing) that covers every scope asked for. */
  async findConsent(input: FindConsentInput): Promise<{ consentId: string } | null> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM consents
        WHERE case_id = $1 AND purpose = $2 AND withdrawn_at IS NULL
          AND ($3::text IS NULL OR shared_with_agency = $3) AND scope @> $4::text[]
        ORDER BY recorded_at DESC LIMIT 1`,
      [input.caseId, input.purpose, input.sharedWithAgency ?? null, [...input.scope]],
    );
    return rows[0] ? { consentId: rows[0].id } : null;
  }

  /** A step held back until consent: the case's timeline says so and the acting agency is told (ids only). */
  async recordConsentWait(input: ConsentWaitInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      const detail = {
        purpose: input.purpose,
        scope: [...input.scope],
        ...(input.sharedWithAgency ? { sharedWithAgency: input.sharedWithAgency } : {}),
        ...(input.subject ? { subject: input.subject } : {}),
      };
      const fresh = await this.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.caseId}:${input.key}`,
        at: input.at,
        kind: 'waiting-for-consent',
        step: input.step,
        agencyId: input.notify[0]?.agencyId ?? null,
        detail,
      });
      for (const who of input.notify) {
        await this.notifications.notify(
          {
            key: `${input.key}:${who.agencyId}`,
            kind: 'waiting-for-consent',
            agencyId: who.agencyId,
            roles: who.roles,
            caseId: input.caseId,
            sop: input.sop,
            step: input.step,
            at: input.at,
            detail,
          },
          em,
        );
      }
      if (fresh)
        await this.auditWrite(em, 'waiting-for-consent', input.caseId, null, null, {
          step: input.step,
          purpose: input.purpose,
        });
    });
  }

  /** Consent records from a step's form; ids derive from the task so a retried activity writes nothing twice. */
  async recordStepConsents(input: RecordStepConsentsInput): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return;
      for (const [index, c] of input.consents.entries()) {
        const id = uuidFromKey(`step-consent:${input.taskId}:${index}`);
        const inserted: unknown[] = await em.query(
          `INSERT INTO consents (id, case_id, purpose, shared_with_agency, scope, form, given_by, recorded_by_sub, recorded_by_agency)
           VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            id,
            input.caseId,
            c.purpose,
            c.sharedWithAgency ?? null,
            [...c.scope],
            input.form,
            input.givenBy,
            input.actor.sub,
            input.actor.agencyId,
          ],
        );
        if (inserted.length > 0) {
          await this.auditWrite(em, 'consent-recorded', input.caseId, input.actor.agencyId, input.actor.sub, {
            consentId: id,
            purpose: c.purpose,
            sharedWithAgency: c.sharedWithAgency ?? null,
          });
        }
      }
    });
  }

  /**
   * A case note (`POST /cases/:id/notes`): free text in one compartment, written with its audit entry. The policy
   * check is the caller's; the audit entry names the compartment, never the text.
   */
  async recordNote(input: CaseNoteInput): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return false;
      const fresh = await this.writeRecords(
        em,
        { [input.compartment]: { text: input.text } },
        {
          caseId: input.caseId,
          keyPrefix: `note:${input.noteId}`,
          source: 'note',
          subject: input.subject,
          agencyId: input.agencyId,
          actorSub: input.actorSub,
          recordedAt: input.recordedAt,
        },
      );
      if (fresh) {
        await this.auditWrite(em, 'note-recorded', input.caseId, input.agencyId, input.actorSub, {
          noteId: input.noteId,
          compartment: input.compartment,
        });
      }
      return true;
    });
  }

  /**
   * Holds the case row against an erasure until this transaction ends (FOR SHARE; FOR UPDATE where the row is then
   * updated), and says whether anything may still be written about the case. An erasure takes the row FOR UPDATE:
   * a write that locked it first commits before the redaction runs (which then covers it); one that comes after
   * finds `erased_at` set and writes nothing, so an activity still running at erasure cannot put data back.
   */
  private async notErased(em: EntityManager, caseId: string, lock: 'share' | 'update'): Promise<boolean> {
    const rows = (await em.query(
      `SELECT erased_at FROM cases WHERE id = $1 FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'}`,
      [caseId],
    )) as { erased_at: Date | null }[];
    if (!rows[0]?.erased_at) return true;
    this.logger.log({ msg: 'write skipped: the case was erased', caseId });
    return false;
  }

  /** Writes one `case_records` row per compartment; returns whether any row is new (retries find them written). */
  private async writeRecords(
    em: EntityManager,
    records: CompartmentRecords | undefined,
    meta: CaseRecordMeta,
  ): Promise<boolean> {
    let fresh = false;
    for (const [compartment, data] of Object.entries(records ?? {})) {
      if (!data || Object.keys(data).length === 0) continue;
      const inserted = (await em.query(
        `INSERT INTO case_records (case_id, compartment, step, subject, source, agency_id, actor_sub, recorded_at, data, event_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
         ON CONFLICT (event_key) DO NOTHING RETURNING id`,
        [
          meta.caseId,
          compartment,
          meta.step ?? null,
          meta.subject ?? null,
          meta.source,
          meta.agencyId,
          meta.actorSub,
          new Date(meta.recordedAt),
          JSON.stringify(data),
          `${meta.keyPrefix}:${compartment}`,
        ],
      )) as unknown[];
      fresh ||= inserted.length > 0;
    }
    return fresh;
  }

  private deadlineDetail(input: DeadlineEventInput): AuditDetail {
    return { taskId: input.taskId, sop: input.sop, step: input.step, dueAt: input.dueAt };
  }

  /**
   * The audit entry of a read-model write, in the write's transaction and as its last statement (the audit chain's
   * lock is then held only until the commit). Only the first, effective write is audited: the timeline's event key
   * tells a retried activity apart from a new fact.
   */
  private async auditWrite(
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

  /** Returns whether the entry is new (false when a retry finds it already written). */
  private async appendTimeline(em: EntityManager, entry: TimelineWrite): Promise<boolean> {
    const inserted = (await em.query(
      `INSERT INTO case_timeline (case_id, event_key, at, kind, step, agency_id, actor_sub, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [
        entry.caseId,
        entry.eventKey,
        new Date(entry.at),
        entry.kind,
        entry.step ?? null,
        entry.agencyId ?? null,
        entry.actorSub ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    )) as unknown[];
    return inserted.length > 0;
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
