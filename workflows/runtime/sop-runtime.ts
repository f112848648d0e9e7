import {
  ApplicationFailure,
  ChildWorkflowHandle,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
  sleep as sdkSleep,
} from '@temporalio/workflow';
import {
  FAILURE_TYPES,
  cancelCaseUpdate,
  caseStateQuery,
  claimTaskUpdate,
  completeTaskUpdate,
  consentsChangedSignal,
  durationToMs,
  extendDeadlineUpdate,
  SUPERVISOR_ROLES,
  findEvent,
  findStep,
  intakeRecordsMinor,
  reportEventUpdate,
  pickDemographics,
  splitByCompartment,
  validateForm,
  type Actor,
  type CaseActivities,
  type CaseResult,
  type CaseStartInput,
  type CaseStateView,
  type ClaimTaskInput,
  type CompleteTaskInput,
  type ConsentForm,
  type ConsentGiver,
  type ConsentWaitView,
  type StepConsent,
  type ExtendDeadlineInput,
  type StepSpec,
  type ReportEventInput,
  type SopDefinition,
  type TaskView,
} from '@waymark/contracts';
import { addTarget, watchDeadline } from './deadlines';

/** A Temporal duration: milliseconds or a string such as `'2 weeks'`. */
export type Duration = Parameters<typeof sdkSleep>[0];

/**
 * Consent gates were added after cases were already running: histories recorded before them replay without the
 * gate's activity calls (docs/sop-versioning.md).
 */
export const CONSENT_GATES_PATCH = 'consent-gates';
/** A gate also looks again on its own, in case the API's nudge after a consent change was lost. */
const CONSENT_RECHECK = '1 hour';

const activities = proxyActivities<CaseActivities>({
  // Projection writes take milliseconds; a short timeout lets a crashed worker's activity be retried quickly.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});

interface TaskState extends TaskView {
  result?: HumanTaskResult;
  targetMs?: number;
  /** Bumped by each deadline extension so the deadline watcher restarts its timers. */
  dueVersion: number;
}

export interface HumanTaskResult<F = Record<string, unknown>> {
  taskId: string;
  form: F;
  actor: Actor;
}

export interface ReportedEvent<D = Record<string, unknown>> {
  type: string;
  sequence: number;
  reportedAt: string;
  data: D;
  actor: Actor;
}

/**
 * Thrown inside a running SOP when the case is cancelled or an any-time event ends it; `run` turns it into the
 * end state. SOP code should let it propagate (catching it would keep a cancelled case running).
 */
export class CaseInterrupted extends Error {
  constructor(
    readonly endState: string,
    readonly status: 'completed' | 'cancelled',
  ) {
    super(`case interrupted: ${endState}`);
    this.name = 'CaseInterrupted';
  }
}

export interface PersonBranch<R> {
  subject: string;
  handle: ChildWorkflowHandle<(input: CaseStartInput) => Promise<R>>;
}

/**
 * The per-execution SOP runtime. It registers every message handler before the first await (so no update is lost
 * on the first activation), keeps the open tasks and the reported events, and gives SOP code its primitives:
 * `humanTask` (a step in an agency's inbox), `decide` (a step whose form carries the decision), `awaitEvent`
 * (a fact from outside any inbox), `sleep` (a timer that a cancellation interrupts), `startPerson` (a child
 * workflow per person found), `note` (a timeline entry), and `run` (the case from start to end state).
 */
export class SopRuntime {
  private readonly tasks = new Map<string, TaskState>();
  private readonly events: ReportedEvent[] = [];
  private readonly consumed = new Set<number>();
  private status: CaseStateView['status'] = 'open';
  private endState?: string;
  private cancellation?: { actor: Actor; reason: string };
  private interruption?: CaseInterrupted;
  private noteSeq = 0;
  private consentNudges = 0;
  private consentWaitSeq = 0;
  private readonly waitingForConsent = new Map<string, ConsentWaitView>();

  constructor(
    readonly sop: SopDefinition,
    readonly input: CaseStartInput,
  ) {
    setHandler(caseStateQuery, () => this.view());
    setHandler(completeTaskUpdate, (u) => this.completeTask(u), { validator: (u) => this.validateCompletion(u) });
    setHandler(claimTaskUpdate, (u) => this.claimTask(u), { validator: (u) => this.validateClaim(u) });
    setHandler(reportEventUpdate, (u) => this.reportEvent(u), { validator: (u) => this.validateEvent(u) });
    setHandler(consentsChangedSignal, () => {
      this.consentNudges += 1;
    });
    setHandler(extendDeadlineUpdate, (u) => this.extendDeadline(u), { validator: (u) => this.validateExtension(u) });
    setHandler(
      cancelCaseUpdate,
      (update) => {
        this.cancellation = update;
        this.interruption ??= new CaseInterrupted('cancelled', 'cancelled');
        return this.view();
      },
      { validator: (_update) => this.assertOpen() },
    );
  }

  get caseId(): string {
    return this.input.caseId;
  }

  private fail(type: string, message: string, details?: unknown[]): never {
    throw ApplicationFailure.create({ type, message, details });
  }

  private assertOpen(): void {
    if (this.status !== 'open' || this.interruption)
      this.fail(FAILURE_TYPES.CASE_CLOSED, 'The case is already closed.');
  }

  private openTaskFor(taskId: string, actor: Actor): TaskState {
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

  private validateCompletion(update: CompleteTaskInput): void {
    const task = this.openTaskFor(update.taskId, update.actor);
    if (task.claimedBy && task.claimedBy !== update.actor.sub) {
      this.fail(FAILURE_TYPES.TASK_CLAIMED, 'Someone else in your agency has claimed this task.');
    }
    const errors = validateForm(findStep(this.sop, task.step).form, update.form);
    if (errors.length > 0)
      this.fail(FAILURE_TYPES.INVALID_FORM, 'The form has invalid fields.', [{ fields: errors, prefix: 'form' }]);
  }

  private async completeTask(update: CompleteTaskInput) {
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
    await activities.recordTaskCompleted({
      taskId: task.taskId,
      caseId: this.caseId,
      step: task.step,
      actor: update.actor,
      completedAt,
      ...(task.subject ? { subject: task.subject } : {}),
      ...(step.compartment ? { records: splitByCompartment(step.form, step.compartment, update.form) } : {}),
    });
    task.result = { taskId: task.taskId, form: update.form, actor: update.actor };
    return { taskId: task.taskId, step: task.step, completedAt };
  }

  private validateClaim(update: ClaimTaskInput): void {
    const task = this.openTaskFor(update.taskId, update.actor);
    if (task.claimedBy && task.claimedBy !== update.actor.sub) {
      this.fail(FAILURE_TYPES.TASK_CLAIMED, 'Someone else in your agency has claimed this task.');
    }
  }

  private async claimTask(update: ClaimTaskInput) {
    const task = this.tasks.get(update.taskId)!;
    task.claimedBy = update.actor.sub;
    const claimedAt = new Date().toISOString();
    await activities.recordTaskClaimed({
      taskId: task.taskId,
      caseId: this.caseId,
      step: task.step,
      actor: update.actor,
      claimedAt,
    });
    return { taskId: task.taskId, claimedBy: update.actor.sub, claimedAt };
  }

  private supervisorRolesFor(task: TaskView): readonly string[] {
    const slot = findStep(this.sop, task.step).actor.slot;
    return this.sop.participants[slot]?.supervisorRoles ?? SUPERVISOR_ROLES;
  }

  private validateExtension(update: ExtendDeadlineInput): void {
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

  private async extendDeadline(update: ExtendDeadlineInput) {
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

  private deadlineEvent(task: TaskState, roles: readonly string[]) {
    return {
      taskId: task.taskId,
      caseId: this.caseId,
      sop: this.sop.id,
      step: task.step,
      agencyId: task.agencyId,
      roles,
      dueAt: task.dueAt!,
      at: new Date().toISOString(),
      ...(task.subject ? { subject: task.subject } : {}),
    };
  }

  private validateEvent(update: ReportEventInput): void {
    this.assertOpen();
    const spec = findEvent(this.sop, update.type);
    if (!spec) this.fail(FAILURE_TYPES.UNKNOWN_EVENT, `This SOP has no event ${update.type}.`);
    const allowed = spec.reporters.some(
      (r) =>
        this.input.participants[r.slot] === update.actor.agencyId &&
        update.actor.roles.some((role) => r.roles.includes(role)),
    );
    if (!allowed)
      this.fail(FAILURE_TYPES.WRONG_REPORTER, 'Your agency and role may not report this event in this case.');
    const errors = validateForm(spec.form, update.data);
    if (errors.length > 0)
      this.fail(FAILURE_TYPES.INVALID_FORM, 'The event has invalid fields.', [{ fields: errors, prefix: 'data' }]);
  }

  private async reportEvent(update: ReportEventInput) {
    const spec = findEvent(this.sop, update.type)!;
    const event: ReportedEvent = {
      type: update.type,
      sequence: this.events.length + 1,
      reportedAt: new Date().toISOString(),
      data: update.data,
      actor: update.actor,
    };
    this.events.push(event);
    if (spec.endsCaseAs) this.interruption ??= new CaseInterrupted(spec.endsCaseAs, 'completed');
    await activities.recordTimeline({
      caseId: this.caseId,
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:event:${event.sequence}`,
      kind: 'event-reported',
      at: event.reportedAt,
      agencyId: update.actor.agencyId,
      actorSub: update.actor.sub,
      detail: { type: update.type, ...(spec.endsCaseAs ? { endsCaseAs: spec.endsCaseAs } : {}) },
      ...(spec.compartment ? { records: splitByCompartment(spec.form, spec.compartment, update.data) } : {}),
      ...(this.input.subject ? { subject: this.input.subject } : {}),
    });
    return { type: event.type, reportedAt: event.reportedAt, sequence: event.sequence };
  }

  view(): CaseStateView {
    return {
      caseId: this.caseId,
      sop: this.sop.id,
      status: this.status,
      endState: this.endState,
      tasks: [...this.tasks.values()].map(({ result: _result, ...view }) => view),
      events: this.events.map(({ type, sequence, reportedAt }) => ({ type, sequence, reportedAt })),
      waitingForConsent: [...this.waitingForConsent.values()],
    };
  }

  private consentQuery(requirement: NonNullable<StepSpec['requiresConsent']>) {
    return {
      caseId: this.caseId,
      purpose: requirement.purpose,
      scope: requirement.scope,
      ...(requirement.withSlot ? { sharedWithAgency: this.agencyFor(requirement.withSlot) } : {}),
    };
  }

  /**
   * Holds a step that passes data to another agency until a matching consent is active (seed L6242–L6245,
   * L7399–L7401). The wait is visible: a timeline entry, a notification to the acting agency, and the case state.
   * The API nudges the workflow when consents change; the gate also looks again every hour.
   */
  private async awaitConsent(step: StepSpec): Promise<void> {
    const requirement = step.requiresConsent;
    if (!requirement || !patched(CONSENT_GATES_PATCH)) return;
    const query = this.consentQuery(requirement);
    let waitKey: string | undefined;
    for (;;) {
      const nudges = this.consentNudges;
      const consent = await activities.findConsent(query);
      if (consent) {
        if (waitKey) {
          this.waitingForConsent.delete(waitKey);
          await this.note('consent-received', {
            step: step.id,
            detail: { consentId: consent.consentId, purpose: requirement.purpose },
          });
        }
        return;
      }
      if (!waitKey) {
        this.consentWaitSeq += 1;
        waitKey = `${workflowInfo().workflowId}:${workflowInfo().runId}:consent-wait:${this.consentWaitSeq}`;
        const since = new Date().toISOString();
        this.waitingForConsent.set(waitKey, {
          step: step.id,
          purpose: requirement.purpose,
          scope: requirement.scope,
          since,
          ...(query.sharedWithAgency ? { sharedWithAgency: query.sharedWithAgency } : {}),
          ...(this.input.subject ? { subject: this.input.subject } : {}),
        });
        await activities.recordConsentWait({
          ...query,
          sop: this.sop.id,
          key: waitKey,
          step: step.id,
          notify: this.consentWaitAudience(step),
          at: since,
          ...(this.input.subject ? { subject: this.input.subject } : {}),
        });
      }
      await this.waitFor(() => this.consentNudges !== nudges, CONSENT_RECHECK);
    }
  }

  private consentWaitAudience(step: StepSpec): { agencyId: string; roles: readonly string[] }[] {
    const acting = { agencyId: this.agencyFor(step.actor.slot), roles: step.actor.roles };
    const opener = this.input.openedBy;
    if (opener.agencyId === acting.agencyId)
      return [{ agencyId: acting.agencyId, roles: [...new Set([...acting.roles, ...opener.roles])] }];
    return [acting, { agencyId: opener.agencyId, roles: [...new Set([...opener.roles, ...SUPERVISOR_ROLES])] }];
  }

  /**
   * Consent records written from a completed step's form, where the SOP records the person's decision itself
   * (assisted return: `record-consent`). Skipped when replaying histories from before consent gates.
   */
  async recordConsents(
    result: HumanTaskResult,
    opts: { form: ConsentForm; givenBy: ConsentGiver; consents: readonly StepConsent[] },
  ): Promise<void> {
    if (!patched(CONSENT_GATES_PATCH)) return;
    await activities.recordStepConsents({ caseId: this.caseId, taskId: result.taskId, actor: result.actor, ...opts });
  }

  agencyFor(slot: string): string {
    const agencyId = this.input.participants[slot];
    if (!agencyId) throw ApplicationFailure.nonRetryable(`No agency fills the participant slot ${slot}.`, 'BadInput');
    return agencyId;
  }

  /** Waits for a condition; throws `CaseInterrupted` if the case is cancelled or ended by an event meanwhile. */
  async waitFor(cond: () => boolean, timeout?: Duration): Promise<boolean> {
    const met =
      timeout === undefined
        ? (await condition(() => cond() || this.interruption !== undefined), true)
        : await condition(() => cond() || this.interruption !== undefined, timeout);
    if (this.interruption) throw this.interruption;
    return met && cond();
  }

  /** A timer that a cancellation or an ending event cuts short. */
  async sleep(duration: Duration): Promise<void> {
    await this.waitFor(() => false, duration);
  }

  /** Opens a task in the responsible agency's inbox and waits until one of its people completes it. */
  async humanTask<F = Record<string, unknown>>(stepId: string): Promise<HumanTaskResult<F>> {
    const step = findStep(this.sop, stepId);
    await this.awaitConsent(step);
    const taskId = uuid4();
    const agencyId = this.agencyFor(step.actor.slot);
    const openedAt = new Date();
    const targetMs = this.targetMsFor(step);
    const dueAt =
      targetMs !== undefined ? addTarget(openedAt, targetMs, this.input.timeliness?.calendar ?? 'calendar') : undefined;
    const task: TaskState = {
      taskId,
      step: step.id,
      agencyId,
      roles: step.actor.roles,
      status: 'open',
      dueVersion: 0,
      ...(this.input.subject ? { subject: this.input.subject } : {}),
      ...(dueAt ? { dueAt: dueAt.toISOString(), targetMs } : {}),
    };
    if (this.interruption) throw this.interruption;
    // Known to the validators before the row exists: the API reads the row and may send the completion before
    // this workflow has even seen the activity's result.
    this.tasks.set(taskId, task);
    await activities.openTask({
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
    });
    // Steps that wait on the person's own decision pause the agency's clock: no reminder, no escalation.
    if (task.dueAt && !step.pausesAgencyClock) {
      void watchDeadline(task, {
        closed: () => task.status !== 'open' || this.interruption !== undefined,
        reminderShare: this.input.timeliness?.reminderShare ?? 0.75,
        remind: () => activities.recordReminder(this.deadlineEvent(task, task.roles)),
        escalate: () => activities.recordEscalation(this.deadlineEvent(task, this.supervisorRolesFor(task))),
      });
    }
    await this.waitFor(() => task.result !== undefined);
    return task.result as HumanTaskResult<F>;
  }

  private targetMsFor(step: StepSpec): number | undefined {
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

  /** A timeline entry: a decision, a warning, an escalation. Ids and codes only, never personal data. */
  async note(
    kind: string,
    opts: { step?: string; agencyId?: string; detail?: Record<string, unknown> } = {},
  ): Promise<void> {
    this.noteSeq += 1;
    await activities.recordTimeline({
      caseId: this.caseId,
      // The run id keeps keys unique across continue-as-new, where the sequence starts again.
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:note:${this.noteSeq}`,
      kind,
      at: new Date().toISOString(),
      step: opts.step,
      agencyId: opts.agencyId,
      detail: { ...(this.input.subject ? { subject: this.input.subject } : {}), ...opts.detail },
    });
  }

  /**
   * Starts a child workflow for one person found (e.g. each vulnerable worker). Its workflow id is the case's
   * plus the person's code, so it holds no personal data; its tasks belong to the same case.
   */
  async startPerson<R>(workflowType: string, subject: string): Promise<PersonBranch<R>> {
    if (!/^[A-Za-z0-9-]{1,16}$/.test(subject)) {
      // Non-retryable: retrying the workflow task would fail the same way forever. The code is not echoed.
      throw ApplicationFailure.nonRetryable(
        'A person code must be a short code of letters, digits and dashes.',
        'BadInput',
      );
    }
    const handle = await startChild<(input: CaseStartInput) => Promise<R>>(workflowType, {
      workflowId: `${workflowInfo().workflowId}:${subject}`,
      args: [{ ...this.input, subject }],
      // A person's branch never outlives its case; closeCase cancels the branch's open tasks in the read model.
      parentClosePolicy: 'TERMINATE',
    });
    await this.note('person-branch-started', { detail: { subject, workflowType } });
    return { subject, handle };
  }

  /** Runs an SOP body to an end state, turning a cancellation or an ending event into its end state. */
  async run(body: () => Promise<string>): Promise<CaseResult> {
    const child = this.input.subject !== undefined;
    if (!child) {
      await activities.recordCaseOpened({
        caseId: this.caseId,
        sop: this.sop.id,
        sopVersion: this.sop.version,
        workflowId: workflowInfo().workflowId,
        participants: this.input.participants,
        openedBy: this.input.openedBy,
        openedAt: new Date().toISOString(),
        demographics: pickDemographics(this.input.intake),
        personIsMinor: intakeRecordsMinor(this.input.intake),
        ...(this.sop.intakeCompartment
          ? { records: splitByCompartment(this.sop.intake, this.sop.intakeCompartment, this.input.intake) }
          : {}),
      });
    }
    let endState: string;
    let status: CaseResult['status'] = 'completed';
    try {
      endState = await body();
    } catch (err) {
      if (!(err instanceof CaseInterrupted)) throw err;
      status = err.status;
      endState = err.endState;
    }
    // Updates whose handlers are still writing must finish before the case closes.
    await condition(allHandlersFinished);
    for (const task of this.tasks.values()) if (task.status === 'open') task.status = 'cancelled';
    this.status = status;
    this.endState = endState;
    if (child) {
      await this.note('person-branch-ended', { detail: { endState } });
    } else {
      await activities.closeCase({
        caseId: this.caseId,
        status,
        endState,
        closedAt: new Date().toISOString(),
        actor: this.cancellation?.actor,
        reason: this.cancellation?.reason,
      });
    }
    log.info('case closed', { sop: this.sop.id, endState });
    return { caseId: this.caseId, status, endState };
  }
}
