import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import {
  FAILURE_TYPES,
  cancelCaseUpdate,
  caseStateQuery,
  completeTaskUpdate,
  durationToMs,
  findStep,
  validateForm,
  type Actor,
  type CaseActivities,
  type CaseResult,
  type CaseStartInput,
  type CaseStateView,
  type CompleteTaskInput,
  type SopDefinition,
  type TaskView,
} from '@waymark/contracts';

const activities = proxyActivities<CaseActivities>({
  // Projection writes take milliseconds; a short timeout lets a crashed worker's activity be retried quickly.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

interface TaskState extends TaskView {
  result?: { form: Record<string, unknown>; actor: Actor };
}

/** Thrown inside a running SOP when the case is cancelled; `runSop` turns it into the `cancelled` end state. */
class CaseCancelled extends Error {}

export interface HumanTaskResult<F = Record<string, unknown>> {
  form: F;
  actor: Actor;
}

/**
 * The per-execution SOP runtime: holds the open tasks, registers the message handlers before any await (so no
 * update is lost on the first activation), and gives SOP code the `humanTask` primitive.
 */
export class SopRuntime {
  private readonly tasks = new Map<string, TaskState>();
  private status: CaseStateView['status'] = 'open';
  private endState?: string;
  private cancellation?: { actor: Actor; reason: string };

  constructor(
    readonly sop: SopDefinition,
    readonly input: CaseStartInput,
  ) {
    setHandler(caseStateQuery, () => this.view());
    setHandler(
      completeTaskUpdate,
      async (update) => {
        const task = this.tasks.get(update.taskId)!;
        // Marked before the first await so a concurrent update for the same task fails its validator.
        task.status = 'completed';
        const completedAt = new Date().toISOString();
        await activities.recordTaskCompleted({
          taskId: task.taskId,
          caseId: this.input.caseId,
          step: task.step,
          actor: update.actor,
          completedAt,
        });
        task.result = { form: update.form, actor: update.actor };
        return { taskId: task.taskId, step: task.step, completedAt };
      },
      { validator: (update) => this.validateCompletion(update) },
    );
    setHandler(
      cancelCaseUpdate,
      (update) => {
        this.cancellation = update;
        return this.view();
      },
      {
        validator: (_update) => {
          if (this.status !== 'open' || this.cancellation) {
            throw ApplicationFailure.create({ type: FAILURE_TYPES.CASE_CLOSED, message: 'The case is already closed.' });
          }
        },
      },
    );
  }

  private validateCompletion(update: CompleteTaskInput): void {
    const task = this.tasks.get(update.taskId);
    if (!task) {
      throw ApplicationFailure.create({ type: FAILURE_TYPES.TASK_NOT_FOUND, message: 'No such task in this case.' });
    }
    if (task.status !== 'open' || this.cancellation) {
      throw ApplicationFailure.create({ type: FAILURE_TYPES.TASK_CLOSED, message: 'The task is already closed.' });
    }
    if (update.actor.agencyId !== task.agencyId) {
      throw ApplicationFailure.create({ type: FAILURE_TYPES.WRONG_AGENCY, message: 'The task belongs to another agency.' });
    }
    if (!update.actor.roles.some((r) => task.roles.includes(r))) {
      throw ApplicationFailure.create({
        type: FAILURE_TYPES.WRONG_ROLE,
        message: `The task needs one of the roles: ${task.roles.join(', ')}.`,
      });
    }
    const errors = validateForm(findStep(this.sop, task.step).form, update.form);
    if (errors.length > 0) {
      throw ApplicationFailure.create({
        type: FAILURE_TYPES.INVALID_FORM,
        message: 'The form has invalid fields.',
        details: [{ fields: errors }],
      });
    }
  }

  view(): CaseStateView {
    return {
      caseId: this.input.caseId,
      sop: this.sop.id,
      status: this.status,
      endState: this.endState,
      tasks: [...this.tasks.values()].map(({ result: _result, ...view }) => view),
    };
  }

  agencyFor(slot: string): string {
    const agencyId = this.input.participants[slot];
    if (!agencyId) throw ApplicationFailure.nonRetryable(`No agency fills the participant slot ${slot}.`, 'BadInput');
    return agencyId;
  }

  /** Opens a task in the responsible agency's inbox and waits until one of its people completes it. */
  async humanTask<F = Record<string, unknown>>(stepId: string): Promise<HumanTaskResult<F>> {
    const step = findStep(this.sop, stepId);
    const taskId = uuid4();
    const agencyId = this.agencyFor(step.actor.slot);
    const openedAt = new Date();
    const task: TaskState = { taskId, step: step.id, agencyId, roles: step.actor.roles, status: 'open' };
    await activities.openTask({
      taskId,
      caseId: this.input.caseId,
      sop: this.sop.id,
      step: step.id,
      title: step.title,
      agencyId,
      roles: step.actor.roles,
      openedAt: openedAt.toISOString(),
      dueAt: step.target ? new Date(openedAt.getTime() + durationToMs(step.target)).toISOString() : undefined,
    });
    this.tasks.set(taskId, task);
    await condition(() => task.result !== undefined || this.cancellation !== undefined);
    if (!task.result) throw new CaseCancelled();
    return task.result as HumanTaskResult<F>;
  }

  /** Runs an SOP body to an end state, turning a cancellation into the `cancelled` end state. */
  async run(body: () => Promise<string>): Promise<CaseResult> {
    const { caseId } = this.input;
    await activities.recordCaseOpened({
      caseId,
      sop: this.sop.id,
      sopVersion: this.sop.version,
      workflowId: workflowInfo().workflowId,
      participants: this.input.participants,
      openedBy: this.input.openedBy,
      openedAt: new Date().toISOString(),
    });
    let endState: string;
    let status: CaseResult['status'] = 'completed';
    try {
      endState = await body();
    } catch (err) {
      if (!(err instanceof CaseCancelled)) throw err;
      status = 'cancelled';
      endState = 'cancelled';
    }
    // Updates whose handlers are still writing must finish before the case closes.
    await condition(allHandlersFinished);
    for (const task of this.tasks.values()) if (task.status === 'open') task.status = 'cancelled';
    this.status = status;
    this.endState = endState;
    await activities.closeCase({
      caseId,
      status,
      endState,
      closedAt: new Date().toISOString(),
      actor: this.cancellation?.actor,
      reason: this.cancellation?.reason,
    });
    log.info('case closed', { sop: this.sop.id, endState });
    return { caseId, status, endState };
  }
}
