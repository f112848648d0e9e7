import type { AuditDetail } from '@waymark/audit';
import type { DeadlineEventInput, DeadlineExtendedInput } from '@waymark/contracts';
import { TaskEntity } from '@waymark/database';
import type { CaseWriteContext } from './case-write-context';

/** The deadline facts of a task (reminder, escalation, extension): timeline, notification, escalation, audit. */
export class DeadlineWrites {
  constructor(private readonly ctx: CaseWriteContext) {}

  /** Part-way to a deadline: the task's agency and roles are reminded. */
  async recordReminder(input: DeadlineEventInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      await em.update(TaskEntity, { id: input.taskId }, { remindedAt: new Date(input.at) });
      const fresh = await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:reminder:${input.dueAt}`,
        at: input.at,
        kind: 'task-reminder',
        step: input.step,
        agencyId: input.agencyId,
        detail: {
          taskId: input.taskId,
          dueAt: input.dueAt,
          ...(input.dataDeadline ? { dataDeadline: input.dataDeadline } : {}),
          ...(input.subject ? { subject: input.subject } : {}),
        },
      });
      await this.ctx.notifications.notify(
        {
          key: `${input.taskId}:reminder:${input.dueAt}`,
          kind: 'reminder',
          ...this.notice(input),
          detail: { dueAt: input.dueAt, ...(input.dataDeadline ? { dataDeadline: input.dataDeadline } : {}) },
        },
        em,
      );
      if (fresh)
        await this.ctx.auditWrite(em, 'task-reminder', input.caseId, input.agencyId, null, this.deadlineDetail(input));
    });
  }

  /**
   * At the breach: an escalation on the case and a notification to the responsible agency's supervisors. A repeat
   * (level 1 and up) raises the escalation's level and tells the next one up the chain.
   */
  async recordEscalation(input: DeadlineEventInput): Promise<void> {
    if ((input.level ?? 0) > 0) return this.recordRepeat(input);
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      await em.update(TaskEntity, { id: input.taskId }, { escalatedAt: new Date(input.at) });
      await this.ctx.escalations.record(em, input);
      const fresh = await this.ctx.appendTimeline(em, {
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
          ...(input.dataDeadline ? { dataDeadline: input.dataDeadline } : {}),
          ...(input.subject ? { subject: input.subject } : {}),
        },
      });
      await this.ctx.notifications.notify(
        {
          key: `${input.taskId}:escalation:${input.dueAt}`,
          kind: 'escalation',
          ...this.notice(input),
          detail: { dueAt: input.dueAt, ...(input.dataDeadline ? { dataDeadline: input.dataDeadline } : {}) },
        },
        em,
      );
      if (fresh)
        await this.ctx.auditWrite(em, 'task-escalated', input.caseId, input.agencyId, null, this.deadlineDetail(input));
    });
  }

  private async recordRepeat(input: DeadlineEventInput): Promise<void> {
    const level = input.level ?? 1;
    const notifyAgencyId = input.notifyAgencyId ?? input.agencyId;
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      // A step done meanwhile resolved the escalation: a late repeat tells nobody.
      if (!(await this.ctx.escalations.recordRepeat(em, input, level))) return;
      const key = `${input.taskId}:escalated:${input.dueAt}:${level}`;
      const fresh = await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: key,
        at: input.at,
        kind: 'task-escalated-again',
        step: input.step,
        agencyId: input.agencyId,
        detail: {
          taskId: input.taskId,
          dueAt: input.dueAt,
          level,
          notifiedAgency: notifyAgencyId,
          supervisorRoles: input.roles,
          ...(input.dataDeadline ? { dataDeadline: input.dataDeadline } : {}),
          ...(input.subject ? { subject: input.subject } : {}),
        },
      });
      await this.ctx.notifications.notify(
        {
          key: `${input.taskId}:escalation:${input.dueAt}:${level}`,
          kind: 'escalation',
          ...this.notice(input),
          agencyId: notifyAgencyId,
          detail: { dueAt: input.dueAt, level, ...(input.dataDeadline ? { dataDeadline: input.dataDeadline } : {}) },
        },
        em,
      );
      if (fresh)
        await this.ctx.auditWrite(em, 'task-escalated-again', input.caseId, input.agencyId, null, {
          ...this.deadlineDetail(input),
          level,
        });
    });
  }

  async recordDeadlineExtended(input: DeadlineExtendedInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      await em.update(
        TaskEntity,
        { id: input.taskId },
        { dueAt: new Date(input.dueAt), remindedAt: null, escalatedAt: null },
      );
      await this.ctx.escalations.resolveForTask(em, input.taskId, input.at, 'deadline-extended');
      const fresh = await this.ctx.appendTimeline(em, {
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
      await this.ctx.notifications.notify(
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
        await this.ctx.auditWrite(
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

  private deadlineDetail(input: DeadlineEventInput): AuditDetail {
    return { taskId: input.taskId, sop: input.sop, step: input.step, dueAt: input.dueAt };
  }
}
