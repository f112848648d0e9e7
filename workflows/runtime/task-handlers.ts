import { patched } from '@temporalio/workflow';
import {
  FAILURE_TYPES,
  findStep,
  splitByCompartment,
  validateForm,
  type Actor,
  type AssignTaskInput,
  type ClaimTaskInput,
  type CompleteTaskInput,
  type CaseStateView,
  type ExtendDeadlineInput,
} from '@waymark/contracts';
import { CaseState } from './case-state';
import { DataDeadlines } from './data-deadlines';
import { CONSENT_GATES_PATCH, activities, projection, writeCompletion, type TaskState } from './runtime-types';

/**
 * What the people of a case do to its tasks through updates: complete one (its form checked, the consent it needs
 * still active), claim one, extend a deadline (supervisors). Each validator refuses before anything is written.
 */
export class TaskHandlers extends CaseState {
  /** Deadlines from the case's data (data-deadlines.ts): checked on completion, recomputed after it. */
  protected readonly dataDeadlines = new DataDeadlines({
    sop: this.sop,
    input: this.input,
    tasks: this.tasks,
    events: this.events,
    interrupted: () => this.interruption !== undefined,
  });

  view(): CaseStateView {
    return { ...super.view(), dataDeadlines: this.dataDeadlines.current() };
  }

  protected openTaskFor(taskId: string, actor: Actor): TaskState {
    const task = this.tasks.get(taskId);
    if (!task) this.fail(FAILURE_TYPES.TASK_NOT_FOUND, 'No such task in this case.');
    if (task.status !== 'open' || this.interruption)
      this.fail(FAILURE_TYPES.TASK_CLOSED, 'The task is already closed.');
    if (actor.agencyId !== task.agencyId) this.fail(FAILURE_TYPES.WRONG_AGENCY, 'The task belongs to another agency.');
    if (!actor.roles.some((r) => task.roles.includes(r))) {
      this.fail(FAILURE_TYPES.WRONG_ROLE, `The task needs one of the roles: ${task.roles.join(', ')}.`);
    }
    return task;
  }

  protected validateCompletion(update: CompleteTaskInput): void {
    const task = this.openTaskFor(update.taskId, update.actor);
    if (task.claimedBy && task.claimedBy !== update.actor.sub) {
      this.fail(FAILURE_TYPES.TASK_CLAIMED, 'Someone else in your agency has claimed this task.');
    }
    const form = findStep(this.sop, task.step).form;
    const errors = validateForm(form, update.form);
    if (errors.length === 0) errors.push(...this.dataDeadlines.errorsIn(form, update.form));
    if (errors.length > 0)
      this.fail(FAILURE_TYPES.INVALID_FORM, 'The form has invalid fields.', [{ fields: errors, prefix: 'form' }]);
  }

  protected async completeTask(update: CompleteTaskInput) {
    const task = this.tasks.get(update.taskId)!;
    // Marked before the first await so a concurrent update for the same task fails its validator.
    task.status = 'completed';
    const step = findStep(this.sop, task.step);
    const requirement = step.requiresConsent;
    if (requirement && patched(CONSENT_GATES_PATCH)) {
      // The consent may have been withdrawn while the task was open: then nothing is shared.
      const consent = await activities.findConsent(this.consentQuery(requirement));
      if (!consent) {
        task.status = 'open';
        this.fail(
          FAILURE_TYPES.CONSENT_REQUIRED,
          'This step shares data and the consent it needs is not active; record it first.',
        );
      }
    }
    const completedAt = new Date().toISOString();
    const record = {
      taskId: task.taskId,
      caseId: this.caseId,
      step: task.step,
      actor: update.actor,
      completedAt,
      ...(task.subject ? { subject: task.subject } : {}),
      ...(step.compartment ? { records: splitByCompartment(step.form, step.compartment, update.form) } : {}),
    };
    // The result wakes the step's waiting path: before the write from the patch on, so the next write carries it.
    await writeCompletion(record, () => {
      task.result = { taskId: task.taskId, form: update.form, actor: update.actor };
    });
    await this.dataDeadlines.recompute();
    return { taskId: task.taskId, step: task.step, completedAt };
  }

  protected validateClaim(update: ClaimTaskInput): void {
    const task = this.openTaskFor(update.taskId, update.actor);
    if (task.claimedBy && task.claimedBy !== update.actor.sub) {
      this.fail(FAILURE_TYPES.TASK_CLAIMED, 'Someone else in your agency has claimed this task.');
    }
  }

  protected async claimTask(update: ClaimTaskInput) {
    const task = this.tasks.get(update.taskId)!;
    task.claimedBy = update.actor.sub;
    const claimedAt = new Date().toISOString();
    await projection().recordTaskClaimed({
      taskId: task.taskId,
      caseId: this.caseId,
      step: task.step,
      actor: update.actor,
      claimedAt,
    });
    return { taskId: task.taskId, claimedBy: update.actor.sub, claimedAt };
  }

  /**
   * Release (assignee null): the task's holder or a supervisor of its agency. Hand to a colleague: a supervisor, to
   * someone of the same agency with a role the task needs who does not hold it already.
   */
  protected validateAssign(update: AssignTaskInput): void {
    const task = this.tasks.get(update.taskId);
    if (!task) this.fail(FAILURE_TYPES.TASK_NOT_FOUND, 'No such task in this case.');
    if (task.status !== 'open' || this.interruption)
      this.fail(FAILURE_TYPES.TASK_CLOSED, 'The task is already closed.');
    if (update.actor.agencyId !== task.agencyId)
      this.fail(FAILURE_TYPES.WRONG_AGENCY, 'The task belongs to another agency.');
    const supervisor = update.actor.roles.some((r) => this.supervisorRolesFor(task).includes(r));
    if (update.assignee === null) {
      if (!task.claimedBy) this.fail(FAILURE_TYPES.NOT_CLAIMED, 'Nobody holds this task; there is nothing to release.');
      if (task.claimedBy !== update.actor.sub && !supervisor) {
        this.fail(FAILURE_TYPES.NOT_SUPERVISOR, 'Only the person who holds the task or a supervisor may release it.');
      }
      return;
    }
    if (!supervisor) {
      const roles = this.supervisorRolesFor(task).join(', ');
      this.fail(FAILURE_TYPES.NOT_SUPERVISOR, `Handing a task to a colleague needs one of the roles: ${roles}.`);
    }
    if (!update.assignee.roles.some((r) => task.roles.includes(r))) {
      this.fail(FAILURE_TYPES.BAD_ASSIGNEE, `The colleague needs one of the roles: ${task.roles.join(', ')}.`);
    }
    if (task.claimedBy === update.assignee.sub)
      this.fail(FAILURE_TYPES.BAD_ASSIGNEE, 'The colleague holds it already.');
  }

  protected async assignTask(update: AssignTaskInput) {
    const task = this.tasks.get(update.taskId)!;
    const from = task.claimedBy ?? null;
    const to = update.assignee?.sub ?? null;
    if (to) task.claimedBy = to;
    else delete task.claimedBy;
    const at = new Date().toISOString();
    await activities.recordTaskAssigned({
      taskId: task.taskId,
      caseId: this.caseId,
      sop: this.sop.id,
      step: task.step,
      actor: update.actor,
      from,
      to,
      at,
      roles: task.roles,
    });
    return { taskId: task.taskId, claimedBy: to, at };
  }

  protected validateExtension(update: ExtendDeadlineInput): void {
    const task = this.tasks.get(update.taskId);
    if (!task) this.fail(FAILURE_TYPES.TASK_NOT_FOUND, 'No such task in this case.');
    if (task.status !== 'open' || this.interruption)
      this.fail(FAILURE_TYPES.TASK_CLOSED, 'The task is already closed.');
    if (update.actor.agencyId !== task.agencyId)
      this.fail(FAILURE_TYPES.WRONG_AGENCY, 'The task belongs to another agency.');
    const roles = this.supervisorRolesFor(task);
    if (!update.actor.roles.some((r) => roles.includes(r))) {
      this.fail(FAILURE_TYPES.NOT_SUPERVISOR, `Extending a deadline needs one of the roles: ${roles.join(', ')}.`);
    }
    const next = Date.parse(update.dueAt);
    if (Number.isNaN(next) || next <= Date.now() || (task.dueAt !== undefined && next <= Date.parse(task.dueAt))) {
      this.fail(FAILURE_TYPES.BAD_DEADLINE, 'The new due date must be in the future and later than the current one.');
    }
    if (typeof update.reason !== 'string' || update.reason.trim() === '' || update.reason.length > 500) {
      this.fail(FAILURE_TYPES.BAD_DEADLINE, 'A reason of at most 500 characters is required.');
    }
  }

  protected async extendDeadline(update: ExtendDeadlineInput) {
    const task = this.tasks.get(update.taskId)!;
    const previousDueAt = task.dueAt ?? new Date().toISOString();
    task.dueAt = new Date(update.dueAt).toISOString();
    task.dueVersion += 1;
    await activities.recordDeadlineExtended({
      ...this.deadlineEvent(task, this.supervisorRolesFor(task)),
      dueAt: task.dueAt,
      previousDueAt,
      actor: update.actor,
      reason: update.reason,
    });
    return { taskId: task.taskId, dueAt: task.dueAt };
  }
}
