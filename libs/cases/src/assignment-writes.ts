import type { ClaimTaskRecordInput, TaskAssignedRecordInput } from '@waymark/contracts';
import { TaskEntity } from '@waymark/database';
import type { CaseWriteContext } from './case-write-context';

/**
 * Who holds an open task. A claim; a task released or handed to a colleague (TaskAssignedRecordInput), in one transaction: who holds the open task,
 * a timeline entry, a notice to the task's roles naming the colleague it went to, and an audit entry. Idempotent
 * under activity retries: the timeline key (task, time of the change) says whether the change is new.
 */
export class AssignmentWrites {
  constructor(private readonly ctx: CaseWriteContext) {}

  async recordTaskClaimed(input: ClaimTaskRecordInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      await em.update(
        TaskEntity,
        { id: input.taskId, status: 'open' },
        { claimedBy: input.actor.sub, claimedAt: new Date(input.claimedAt) },
      );
      const fresh = await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        // The time too: a task released and claimed again by the same person is a new entry.
        eventKey: `${input.taskId}:claimed:${input.actor.sub}:${input.claimedAt}`,
        at: input.claimedAt,
        kind: 'task-claimed',
        step: input.step,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        detail: { taskId: input.taskId },
      });
      if (fresh) {
        await this.ctx.auditWrite(em, 'task-claimed', input.caseId, input.actor.agencyId, input.actor.sub, {
          taskId: input.taskId,
          step: input.step,
        });
      }
    });
  }

  async recordTaskAssigned(input: TaskAssignedRecordInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      await em.update(
        TaskEntity,
        { id: input.taskId, status: 'open' },
        input.to ? { claimedBy: input.to, claimedAt: new Date(input.at) } : { claimedBy: null, claimedAt: null },
      );
      const kind = input.to ? 'task-reassigned' : 'task-released';
      const detail = { taskId: input.taskId, from: input.from, to: input.to };
      const fresh = await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: `${input.taskId}:assigned:${input.at}`,
        at: input.at,
        kind,
        step: input.step,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        detail,
      });
      if (!fresh) return;
      if (input.to) {
        await this.ctx.notifications.notify(
          {
            key: `${input.taskId}:assigned:${input.at}`,
            agencyId: input.actor.agencyId,
            roles: input.roles,
            kind: 'task-assigned',
            caseId: input.caseId,
            sop: input.sop,
            step: input.step,
            taskId: input.taskId,
            at: input.at,
            detail: { assignee: input.to },
          },
          em,
        );
      }
      await this.ctx.auditWrite(em, kind, input.caseId, input.actor.agencyId, input.actor.sub, {
        ...detail,
        step: input.step,
      });
    });
  }
}
