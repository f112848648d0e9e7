import { uuid4, workflowInfo } from '@temporalio/workflow';
import { durationToMs, findEvent, findStep, type StepSpec } from '@waymark/contracts';
import { LinkedCases } from './linked-cases';
import { addTarget, watchDeadline } from './deadlines';
import { escalationEveryMs, escalationOf, escalationTarget } from './escalation-chain';
import { watchRepeats } from './escalation-repeats';
import {
  activities,
  projection,
  type Duration,
  type HumanTaskResult,
  type ReportedEvent,
  type TaskState,
} from './runtime-types';

/**
 * The steps of an SOP as its code uses them: `humanTask` (a task in an agency's inbox, with its deadline, reminder and
 * escalations), `decide` (a step whose form carries the decision), `awaitEvent` (a fact reported from outside any
 * inbox) and `hasEvent`.
 */
export class HumanTasks extends LinkedCases {
  private watchSeq = 0;

  /** Opens a task in the responsible agency's inbox and waits until one of its people completes it. */
  async humanTask<F = Record<string, unknown>>(stepId: string): Promise<HumanTaskResult<F>> {
    this.inFlight += 1;
    try {
      return await this.openAndAwait<F>(stepId);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async openAndAwait<F>(stepId: string): Promise<HumanTaskResult<F>> {
    const step = findStep(this.sop, stepId);
    await this.awaitConsent(step);
    const taskId = uuid4();
    const agencyId = this.agencyFor(step.actor.slot);
    const openedAt = new Date();
    const targetMs = this.targetMsFor(step);
    const dueAt =
      targetMs !== undefined ? addTarget(openedAt, targetMs, this.input.timeliness?.calendar ?? 'calendar') : undefined;
    const deadline = this.dataDeadlines.forStep(step.id);
    const task: TaskState = {
      taskId,
      step: step.id,
      agencyId,
      roles: step.actor.roles,
      status: 'open',
      dueVersion: 0,
      ...(this.input.subject ? { subject: this.input.subject } : {}),
      ...(dueAt ? { dueAt: dueAt.toISOString(), targetMs } : {}),
      ...(this.round > 1 ? { round: this.round } : {}),
      ...(deadline ? { deadline } : {}),
    };
    if (this.interruption) throw this.interruption;
    if (this.reopening) throw this.reopening;
    // Known to the validators before the row exists: the API reads the row and may send the completion before
    // this workflow has even seen the activity's result.
    this.tasks.set(taskId, task);
    await projection().openTask({
      taskId,
      caseId: this.caseId,
      workflowId: workflowInfo().workflowId,
      subject: this.input.subject,
      phase: step.phase,
      sop: this.sop.id,
      step: step.id,
      title: step.title,
      agencyId,
      roles: step.actor.roles,
      openedAt: openedAt.toISOString(),
      dueAt: task.dueAt,
      targetMs,
      pausesAgencyClock: step.pausesAgencyClock ?? false,
      ...(task.round ? { round: task.round } : {}),
      ...(deadline ? { deadline: { id: deadline.id, at: deadline.at } } : {}),
    });
    // The slot may have changed hands while the row was written: then the row follows the task. Checked here so
    // that an unchanged task adds no await (and no reordering) to histories recorded before participant changes.
    if (task.agencyId !== agencyId) await this.participantChanges.afterTaskOpened(task, agencyId);
    // Steps that wait on the person's own decision pause the agency's clock: no reminder, no escalation.
    if (task.dueAt && !step.pausesAgencyClock) {
      void watchDeadline(task, {
        closed: () => task.status !== 'open' || this.interruption !== undefined,
        reminderShare: this.input.timeliness?.reminderShare ?? 0.75,
        remind: () => activities.recordReminder(this.deadlineEvent(task, task.roles)),
        escalate: (level) => activities.recordEscalation(this.escalationEvent(task, step, level)),
        repeatEveryMs: escalationEveryMs(this.sop, step),
        watchRepeats: (firstAt, stop) =>
          watchRepeats({
            agencyId: () => task.agencyId,
            levels: () => this.repeatNotices(task, step),
            everyMs: escalationEveryMs(this.sop, step),
            firstAt,
            stop,
            caseId: this.caseId,
            subject: this.input.subject,
            seq: () => ++this.watchSeq,
          }),
      });
    }
    this.dataDeadlines.watch(task, {
      remind: (at, id) =>
        activities.recordReminder({ ...this.deadlineEvent(task, task.roles), dueAt: at, dataDeadline: id }),
      escalate: (level, at, id) =>
        activities.recordEscalation({ ...this.escalationEvent(task, step, level), dueAt: at, dataDeadline: id }),
      repeatEveryMs: escalationEveryMs(this.sop, step),
    });
    await this.waitFor(() => task.result !== undefined);
    if (step.startsCase) await this.startFollowOn(step, task.result!);
    return task.result as HumanTaskResult<F>;
  }

  /** The breach goes to the task agency's supervisors; each repeat one level up the step's escalation chain. */
  protected escalationEvent(task: TaskState, step: StepSpec, level: number) {
    if (level === 0) return this.deadlineEvent(task, this.supervisorRolesFor(task));
    const to = escalationTarget(this.sop, step, this.input.participants, task.agencyId, level);
    return {
      ...this.deadlineEvent(task, to.roles),
      level,
      ...(to.agencyId !== task.agencyId ? { notifyAgencyId: to.agencyId } : {}),
    };
  }

  /** The notices of the repeats, one per level of the step's chain (level 1 up; the last repeats). */
  private repeatNotices(task: TaskState, step: StepSpec) {
    const levels = Math.max(1, escalationOf(this.sop, step).chain.length);
    return Array.from({ length: levels }, (_, i) => this.escalationEvent(task, step, i + 1));
  }

  protected targetMsFor(step: StepSpec): number | undefined {
    const configured = this.input.timeliness?.targetsMs[step.id];
    if (configured !== undefined) return configured;
    return step.target ? durationToMs(step.target) : undefined;
  }

  /** A human step whose form carries the decision; returns the chosen value of `field` with the whole form. */
  async decide<V extends string | boolean>(stepId: string, field: string): Promise<HumanTaskResult & { value: V }> {
    const result = await this.humanTask(stepId);
    await this.note('decision', { step: stepId, detail: { field, value: result.form[field] as V } });
    return { ...result, value: result.form[field] as V };
  }

  /** Has an event of this type been reported (and not yet consumed by `awaitEvent`)? */
  hasEvent(type: string): boolean {
    return this.events.some((e) => e.type === type && !this.consumed.has(e.sequence));
  }

  /**
   * Waits for the next unconsumed event of this type. With a timeout, resolves `undefined` when it passes first,
   * so the SOP can warn or escalate.
   */
  async awaitEvent<D = Record<string, unknown>>(
    type: string,
    timeout?: Duration,
  ): Promise<ReportedEvent<D> | undefined> {
    if (!findEvent(this.sop, type)) throw new Error(`SOP ${this.sop.id} declares no event ${type}`);
    const next = () => this.events.find((e) => e.type === type && !this.consumed.has(e.sequence));
    const met = await this.waitFor(() => next() !== undefined, timeout);
    if (!met) return undefined;
    const event = next()!;
    this.consumed.add(event.sequence);
    return event as ReportedEvent<D>;
  }
}
