import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseRowStore } from '@waymark/cases';
import {
  DomainException,
  claimTaskUpdate,
  completeTaskUpdate,
  extendDeadlineUpdate,
  findStep,
  SUPERVISOR_ROLES,
  validateForm,
  type Actor,
  type CompleteTaskResult,
  type TaskItem,
} from '@waymark/contracts';

export type { TaskItem };
import { TaskEntity } from '@waymark/database';
import { TemporalClientHolder } from '@waymark/temporal';
import { DataSource } from 'typeorm';
import type { ListTasksQuery } from './list-tasks.query';
import type { OverdueTasksQuery } from './overdue-tasks.query';
import { SopOverlays } from '../sops/sop-overlays';
import { caseErased } from '../erasure/case-erased';
import { hasNotAfter, notAfterErrorsOf } from './task-deadlines';
import { updateKnownTask } from './task-update';

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientHolder,
    private readonly overlays: SopOverlays,
  ) {}

  /** The caller's inbox: tasks of the caller's agency for a role the caller holds. Plain SQL, no Temporal. */
  async list(actor: Actor, q: ListTasksQuery): Promise<{ items: TaskItem[]; limit: number; offset: number }> {
    const qb = this.ds
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.agency_id = :agency', { agency: actor.agencyId })
      .andWhere('t.roles && :roles::text[]', { roles: [...actor.roles] })
      // An erased case's tasks are gone from every inbox, whatever the status filter.
      .andWhere(CaseRowStore.taskOfLiveCase('t'))
      .orderBy('t.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('t.opened_at', 'ASC')
      .limit(q.limit)
      .offset(q.offset);
    if (q.status !== 'all') qb.andWhere('t.status = :status', { status: q.status });
    if (q.sop) qb.andWhere('t.sop = :sop', { sop: q.sop });
    if (q.step) qb.andWhere('t.step = :step', { step: q.step });
    if (q.caseId) qb.andWhere('t.case_id = :caseId', { caseId: q.caseId });
    if (q.subject) qb.andWhere('t.subject = :subject', { subject: q.subject });
    const rows = await qb.getMany();
    const now = Date.now();
    return { items: rows.map((t) => toItem(t, now)), limit: q.limit, offset: q.offset };
  }

  /**
   * The agency's open tasks past their due date, whatever role they need and whoever claimed them, most overdue
   * first: what a manager or supervisor chases. Plain SQL, no Temporal.
   */
  async overdue(actor: Actor, q: OverdueTasksQuery): Promise<{ items: TaskItem[]; limit: number; offset: number }> {
    if (!actor.roles.some((r) => SUPERVISOR_ROLES.includes(r))) {
      throw new DomainException('forbidden', 'The overdue list is for managers and supervisors.');
    }
    const now = new Date();
    const qb = this.ds
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.agency_id = :agency', { agency: actor.agencyId })
      .andWhere("t.status = 'open'")
      // Past its due date, or past a deadline from the case's data (a document expired, a child turned 18).
      .andWhere('(t.due_at < :now OR t.deadline_at < :now)', { now })
      .andWhere(CaseRowStore.taskOfLiveCase('t'))
      .orderBy('t.due_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(q.limit)
      .offset(q.offset);
    if (q.sop) qb.andWhere('t.sop = :sop', { sop: q.sop });
    if (q.step) qb.andWhere('t.step = :step', { step: q.step });
    const rows = await qb.getMany();
    return { items: rows.map((t) => toItem(t, now.getTime())), limit: q.limit, offset: q.offset };
  }

  /** The task as the caller may act on it: another agency's task is answered exactly like a missing one. */
  private async requireActionableTask(actor: Actor, taskId: string): Promise<TaskEntity> {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task || task.agencyId !== actor.agencyId) {
      throw new DomainException('not_found', "No such task in your agency's inbox.");
    }
    if (!task.roles.some((r) => actor.roles.includes(r))) {
      throw new DomainException('forbidden', `This task needs one of the roles: ${task.roles.join(', ')}.`);
    }
    if (task.status !== 'open') throw await this.closedOrErased(task);
    if (task.claimedBy && task.claimedBy !== actor.sub) {
      throw new DomainException('conflict', 'Someone else in your agency has claimed this task.');
    }
    return task;
  }

  /** A closed task's error; an erasure closes every open task, so only closed tasks need the (extra) case lookup. */
  private async closedOrErased(task: TaskEntity): Promise<DomainException> {
    const erasedAt = await new CaseRowStore(this.ds).erasedAt(task.caseId);
    return erasedAt
      ? caseErased()
      : new DomainException('task_closed', 'The task is already closed; reload the inbox.');
  }

  async claim(actor: Actor, taskId: string) {
    const task = await this.requireActionableTask(actor, taskId);
    const result = await updateKnownTask(() =>
      this.temporal.bounded((client) =>
        client.workflow.getHandle(task.workflowId).executeUpdate(claimTaskUpdate, { args: [{ taskId, actor }] }),
      ),
    );
    return { ...result, caseId: task.caseId };
  }

  /** A supervisor of the task's agency moves its deadline; the workflow checks the role and restarts its timers. */
  async extend(actor: Actor, taskId: string, dueAt: string, reason: string) {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task || task.agencyId !== actor.agencyId)
      throw new DomainException('not_found', 'No such task in your agency.');
    if (task.status !== 'open') throw await this.closedOrErased(task);
    const result = await updateKnownTask(() =>
      this.temporal.bounded((client) =>
        client.workflow
          .getHandle(task.workflowId)
          .executeUpdate(extendDeadlineUpdate, { args: [{ taskId, actor, dueAt, reason }] }),
      ),
    );
    return { ...result, caseId: task.caseId };
  }

  async complete(actor: Actor, taskId: string, form: Record<string, unknown>, idempotencyKey?: string) {
    // The update id makes a retried request with the same key land once in the workflow's history.
    const updateId = idempotencyKey ? `complete:${taskId}:${idempotencyKey}` : undefined;
    let task: TaskEntity;
    try {
      task = await this.requireActionableTask(actor, taskId);
    } catch (err) {
      // A retry after a 503 whose first attempt reached the workflow after all: answer with that attempt's result.
      const landed = updateId && isTaskClosed(err) ? await this.landedCompletion(taskId, updateId) : undefined;
      if (landed) return landed;
      throw err;
    }
    // The form as this deployment's overlay has it (its option lists); the workflow checks again with the case's own.
    const sop = this.overlays.sop(task.sop);
    if (sop) {
      const stepForm = findStep(sop, task.step).form;
      const errors = validateForm(stepForm, form);
      // A date declared not after a deadline from the case's data: checked against the workflow's own dates.
      if (errors.length === 0 && hasNotAfter(stepForm))
        errors.push(
          ...(await this.temporal.bounded((client) => notAfterErrorsOf(client, task.workflowId, stepForm, form))),
        );
      if (errors.length > 0) {
        throw new DomainException(
          'validation_failed',
          'The form has invalid fields; see `fields`.',
          errors.map((e) => ({ field: `form.${e.field}`, reason: e.reason })),
        );
      }
    }
    const result = await updateKnownTask(() =>
      this.temporal.bounded((client) =>
        client.workflow.getHandle(task.workflowId).executeUpdate(completeTaskUpdate, {
          args: [{ taskId, actor, form }],
          ...(updateId ? { updateId } : {}),
        }),
      ),
    );
    return { ...result, caseId: task.caseId, status: 'completed' };
  }

  /**
   * The outcome of a completion update that already ran under this id (the caller's agency and role were checked
   * on the task before this is asked), or undefined when there is none to find.
   */
  private async landedCompletion(taskId: string, updateId: string) {
    const task = await this.ds.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task) return undefined;
    try {
      const result = await this.temporal.bounded((client) =>
        client.workflow.getHandle(task.workflowId).getUpdateHandle<CompleteTaskResult>(updateId).result(),
      );
      return { ...result, caseId: task.caseId, status: 'completed' };
    } catch {
      return undefined;
    }
  }
}

function isTaskClosed(err: unknown): boolean {
  return err instanceof DomainException && err.code === 'task_closed';
}

function toItem(t: TaskEntity, now: number): TaskItem {
  return {
    taskId: t.id,
    caseId: t.caseId,
    sop: t.sop,
    step: t.step,
    title: t.title,
    subject: t.subject,
    phase: t.phase,
    round: t.round,
    agencyId: t.agencyId,
    roles: t.roles,
    status: t.status,
    openedAt: t.openedAt.toISOString(),
    dueAt: t.dueAt?.toISOString() ?? null,
    overdue:
      t.status === 'open' &&
      ((t.dueAt !== null && t.dueAt.getTime() < now) || (t.deadlineAt !== null && t.deadlineAt.getTime() < now)),
    claimedBy: t.claimedBy,
    completedAt: t.completedAt?.toISOString() ?? null,
    deadline: t.deadlineAt && t.deadlineId ? { id: t.deadlineId, at: t.deadlineAt.toISOString() } : null,
  };
}
