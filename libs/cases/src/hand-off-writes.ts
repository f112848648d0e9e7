import type {
  CloseCaseInput,
  CompleteTaskRecordInput,
  HandOffWritesInput,
  OpenTaskInput,
  RecordCaseOpenedInput,
  TimelineNoteInput,
} from '@waymark/contracts';
import { CaseEntity, TaskEntity } from '@waymark/database';
import type { EntityManager } from 'typeorm';
import type { CaseWriteContext } from './case-write-context';
import { closeTasksLeftOpen } from './tasks-left-open';

/**
 * The writes of a hand-off and of a case's opening: the case opened, a task opened, a task completed, a timeline
 * note, the case closed. Each runs in a
 * transaction it is given, so that a completion and the write that follows it commit together (`handOff`,
 * docs/architecture/decisions/0012-one-commit-per-hand-off.md) or alone, the same statements either way.
 */
export class HandOffWrites {
  constructor(private readonly ctx: CaseWriteContext) {}

  /**
   * The case's opening (unless already written: the API writes it as it starts the workflow), then the completions in
   * order, then the write that carried them; one transaction.
   */
  async handOff(input: HandOffWritesInput): Promise<void> {
    const opened =
      input.opened && !(await this.ctx.timeline.has(this.ctx.ds.manager, `${input.opened.caseId}:opened`))
        ? input.opened
        : undefined;
    if (opened) await this.ctx.records.prepareKey(opened.caseId, opened.records);
    for (const completed of input.completed) await this.ctx.records.prepareKey(completed.caseId, completed.records);
    const then = input.then;
    if ('recordTimeline' in then)
      await this.ctx.records.prepareKey(then.recordTimeline.caseId, then.recordTimeline.records);
    await this.ctx.ds.transaction(async (em) => {
      if (opened) await this.openedIn(em, opened);
      for (const completed of input.completed) await this.completedIn(em, completed);
      if ('openTask' in then) await this.openTaskIn(em, then.openTask);
      else if ('recordTimeline' in then) await this.timelineIn(em, then.recordTimeline);
      else await this.closeIn(em, then.closeCase);
    });
  }

  async openTaskIn(em: EntityManager, input: OpenTaskInput): Promise<void> {
    // A person's branch may still be opening a task when its case closes; a closed case gets no new tasks.
    if (!(await this.ctx.rows.lockOpen(em, input.caseId))) return;
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
        round: input.round ?? 1,
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
        deadlineAt: input.deadline ? new Date(input.deadline.at) : null,
        deadlineId: input.deadline?.id ?? null,
      })
      .orIgnore()
      .execute();
    const fresh = await this.ctx.appendTimeline(em, {
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
      await this.ctx.auditWrite(em, 'task-opened', input.caseId, input.agencyId, null, {
        taskId: input.taskId,
        sop: input.sop,
        step: input.step,
      });
      // Those who can take it are told it arrived: in the app, and by the agency's webhooks if it has any.
      await this.ctx.notifications.notify(
        {
          key: `${input.taskId}:arrived`,
          kind: 'task-arrived',
          agencyId: input.agencyId,
          roles: input.roles,
          caseId: input.caseId,
          sop: input.sop,
          step: input.step,
          taskId: input.taskId,
          at: input.openedAt,
        },
        em,
      );
    }
  }

  async completedIn(em: EntityManager, input: CompleteTaskRecordInput): Promise<void> {
    if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
    await em.update(
      TaskEntity,
      { id: input.taskId, status: 'open' },
      { status: 'completed', completedBy: input.actor.sub, completedAt: new Date(input.completedAt) },
    );
    // Done late: its escalation ends here, so nobody is chased for it any more.
    await this.ctx.escalations.resolveForTask(em, input.taskId, input.completedAt, 'step-completed');
    await this.ctx.writeRecords(em, input.records, {
      caseId: input.caseId,
      keyPrefix: `${input.taskId}:completed`,
      source: 'task',
      step: input.step,
      subject: input.subject,
      agencyId: input.actor.agencyId,
      actorSub: input.actor.sub,
      recordedAt: input.completedAt,
    });
    const fresh = await this.ctx.appendTimeline(em, {
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
      await this.ctx.auditWrite(
        em,
        'task-completed',
        input.caseId,
        input.actor.agencyId,
        input.actor.sub,
        { taskId: input.taskId, step: input.step },
        input.records,
      );
    }
  }

  async timelineIn(em: EntityManager, input: TimelineNoteInput): Promise<void> {
    if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
    if (input.records && input.agencyId && input.actorSub) {
      await this.ctx.writeRecords(em, input.records, {
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
    const fresh = await this.ctx.appendTimeline(em, {
      caseId: input.caseId,
      eventKey: `${input.caseId}:${input.key}`,
      at: input.at,
      kind: input.kind,
      step: input.step,
      agencyId: input.agencyId,
      actorSub: input.actorSub,
      detail: input.detail,
    });
    // A person's branch ended, or a new round began, with tasks still open: they close with it.
    if (fresh) await closeTasksLeftOpen(em, this.ctx.escalations, input);
    // The note's detail can hold an event's data: the audit entry keeps only its kind and step.
    if (fresh) {
      await this.ctx.auditWrite(
        em,
        'timeline-note',
        input.caseId,
        input.agencyId,
        input.actorSub,
        { kind: input.kind, step: input.step ?? null },
        input.records,
      );
    }
  }

  async closeIn(em: EntityManager, input: CloseCaseInput): Promise<void> {
    if (!(await this.ctx.notErased(em, input.caseId, 'update'))) return;
    await em.update(
      CaseEntity,
      { id: input.caseId, status: 'open' },
      { status: input.status, endState: input.endState, closedAt: new Date(input.closedAt) },
    );
    await em.update(TaskEntity, { caseId: input.caseId, status: 'open' }, { status: 'cancelled' });
    await this.ctx.escalations.resolveForCase(em, input.caseId, input.closedAt);
    const kind = input.status === 'cancelled' ? 'case-cancelled' : 'case-completed';
    const fresh = await this.ctx.appendTimeline(em, {
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
      await this.ctx.auditWrite(em, kind, input.caseId, input.actor?.agencyId, input.actor?.sub, {
        endState: input.endState,
      });
    }
  }

  /** A case's opening: its row, the intake's records, the timeline entry and the audit entry. */
  async openedIn(em: EntityManager, input: RecordCaseOpenedInput): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(CaseEntity)
      .values({
        id: input.caseId,
        sop: input.sop,
        sopVersion: input.sopVersion,
        overlay: input.overlay ?? null,
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
    await this.ctx.writeRecords(em, input.records, {
      caseId: input.caseId,
      keyPrefix: `${input.caseId}:intake`,
      source: 'intake',
      agencyId: input.openedBy.agencyId,
      actorSub: input.openedBy.sub,
      recordedAt: input.openedAt,
    });
    const fresh = await this.ctx.appendTimeline(em, {
      caseId: input.caseId,
      eventKey: `${input.caseId}:opened`,
      at: input.openedAt,
      kind: 'case-opened',
      agencyId: input.openedBy.agencyId,
      actorSub: input.openedBy.sub,
      detail: { sop: input.sop, sopVersion: input.sopVersion },
    });
    if (fresh) {
      await this.ctx.auditWrite(
        em,
        'case-opened',
        input.caseId,
        input.openedBy.agencyId,
        input.openedBy.sub,
        { sop: input.sop, sopVersion: input.sopVersion },
        input.records,
      );
    }
  }
}
