import type { DataDeadlineRecordInput } from '@waymark/contracts';
import { TaskEntity } from '@waymark/database';
import type { CaseWriteContext } from './case-write-context';

/**
 * A deadline from the case's data computed or recomputed, in one transaction: the guarded open tasks show their
 * earliest deadline, an escalation of the old date ends (the watchers start again from the new one), and a timeline
 * entry records it. The entry names the deadline and its date, never the field's value or the person; the case view
 * shows the date only to readers of the source field's compartment. Idempotent under retries (the key).
 */
export class DataDeadlineWrites {
  constructor(private readonly ctx: CaseWriteContext) {}

  async record(input: DataDeadlineRecordInput): Promise<void> {
    await this.ctx.ds.transaction(async (em) => {
      if (!(await this.ctx.notErased(em, input.caseId, 'share'))) return;
      for (const task of input.tasks) {
        await em.update(
          TaskEntity,
          { id: task.taskId, status: 'open' },
          { deadlineAt: task.deadline ? new Date(task.deadline.at) : null, deadlineId: task.deadline?.id ?? null },
        );
        if (input.previousAt)
          await this.ctx.escalations.resolveForDueAt(em, task.taskId, input.previousAt, input.at, 'deadline-extended');
      }
      await this.ctx.appendTimeline(em, {
        caseId: input.caseId,
        eventKey: input.key,
        at: input.at,
        kind: 'data-deadline',
        detail: {
          deadline: input.deadline.id,
          label: input.deadline.label,
          at: input.deadline.at,
          ...(input.previousAt ? { previousAt: input.previousAt } : {}),
          ...(input.steps ? { steps: input.steps } : {}),
          ...(input.subject ? { subject: input.subject } : {}),
        },
      });
    });
  }
}
