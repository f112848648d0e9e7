import { ApplicationFailure, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  CASE_ACTION_RULES,
  FAILURE_TYPES,
  FOREIGN_PAYLOAD_FAILURE,
  cancelCaseUpdate,
  caseStateQuery,
  claimTaskUpdate,
  completeTaskUpdate,
  consentsChangedSignal,
  decideCaseAction,
  extendDeadlineUpdate,
  SUPERVISOR_ROLES,
  findEvent,
  findStep,
  hasForeignPayload,
  isForeignPayload,
  reportEventUpdate,
  splitByCompartment,
  applySopOverlay,
  validateForm,
  type Actor,
  type CancelCaseInput,
  type CaseStartInput,
  type CaseStateView,
  type ClaimTaskInput,
  type CompleteTaskInput,
  type ConsentWaitView,
  type ExtendDeadlineInput,
  type StepSpec,
  type ReportEventInput,
  type SopDefinition,
  type TaskView,
} from '@waymark/contracts';
import {
  CONSENT_GATES_PATCH,
  CaseInterrupted,
  FOREIGN_PAYLOADS_PATCH,
  activities,
  projection,
  type ReportedEvent,
  type TaskState,
} from './runtime-types';
import { ParticipantChanges } from './participant-changes';

/**
 * Wraps an update validator so an argument the worker's codec refused (not encrypted with a key Waymark holds:
 * sent straight to the Temporal frontend) is rejected before anything else looks at it, and so never reaches the
 * history. Validators do not run on replay, so this needs no patch.
 */
export function refusingForeign<T>(validate: (update: T) => void): (update: T) => void {
  return (update) => {
    if (isForeignPayload(update)) {
      throw ApplicationFailure.create({
        type: FOREIGN_PAYLOAD_FAILURE,
        message: 'The update was not sent through Waymark.',
      });
    }
    validate(update);
  };
}

/**
 * The case's message handlers and the state they share with the SOP runtime: the open tasks, the reported events,
 * the cancellation. Every handler is registered in the constructor, before the first await, so no update is lost
 * on the first activation; each update's validator refuses what the case cannot accept (wrong agency or role,
 * invalid form, closed task or case) before it is written to the history.
 */
export class CaseHandlers {
  protected readonly tasks = new Map<string, TaskState>();
  protected readonly events: ReportedEvent[] = [];
  protected readonly consumed = new Set<number>();
  protected status: CaseStateView['status'] = 'open';
  protected endState?: string;
  protected cancellation?: { actor: Actor; reason: string };
  protected interruption?: CaseInterrupted;
  protected noteSeq = 0;
  protected consentNudges = 0;
  protected consentWaitSeq = 0;
  protected readonly waitingForConsent = new Map<string, ConsentWaitView>();
  /** Workflow ids of the person branches started by this workflow. */
  protected readonly branchIds: string[] = [];
  protected readonly participantChanges: ParticipantChanges;
  /** The SOP as this case runs it: the declaration with the jurisdiction overlay the case started under, if any. */
  readonly sop: SopDefinition;

  constructor(
    declared: SopDefinition,
    readonly input: CaseStartInput,
  ) {
    const sop = applySopOverlay(declared, input.overlay?.sop);
    this.sop = sop;
    setHandler(caseStateQuery, () => this.view());
    this.participantChanges = new ParticipantChanges({
      sop,
      caseId: input.caseId,
      participants: input.participants,
      tasks: this.tasks,
      branchIds: this.branchIds,
      assertOpen: () => this.assertOpen(),
      refusingForeign,
    });
    setHandler(completeTaskUpdate, (u) => this.completeTask(u), {
      validator: refusingForeign<CompleteTaskInput>((u) => this.validateCompletion(u)),
    });
    setHandler(claimTaskUpdate, (u) => this.claimTask(u), {
      validator: refusingForeign<ClaimTaskInput>((u) => this.validateClaim(u)),
    });
    setHandler(reportEventUpdate, (u) => this.reportEvent(u), {
      validator: refusingForeign<ReportEventInput>((u) => this.validateEvent(u)),
    });
    setHandler(consentsChangedSignal, (...args: unknown[]) => {
      // A signal is in the history before a worker sees it, so it cannot be refused, only ignored, and the same
      // way on every replay. The patch keeps a history that took a foreign signal as a nudge before replaying so.
      if (hasForeignPayload(args) && patched(FOREIGN_PAYLOADS_PATCH)) return;
      this.consentNudges += 1;
    });
    setHandler(extendDeadlineUpdate, (u) => this.extendDeadline(u), {
      validator: refusingForeign<ExtendDeadlineInput>((u) => this.validateExtension(u)),
    });
    setHandler(
      cancelCaseUpdate,
      (update) => {
        this.cancellation = update;
        this.interruption ??= new CaseInterrupted('cancelled', 'cancelled');
        return this.view();
      },
      { validator: refusingForeign<CancelCaseInput>((update) => this.validateCancel(update)) },
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

  /**
   * Only the lead agency's coordinator cancels the case (CASE_ACTION_RULES), whatever path the update took
   * to reach the workflow. Validators do not run on replay, so cancellations accepted before this check still replay.
   */
  private validateCancel(update: CancelCaseInput): void {
    const decision = decideCaseAction(
      CASE_ACTION_RULES,
      this.sop,
      this.input.participants,
      update.actor,
      'case:cancel',
    );
    if (!decision.allowed) this.fail(FAILURE_TYPES.WRONG_ROLE, `${decision.reason}.`);
    this.assertOpen();
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
    await projection().recordTaskCompleted({
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
    await projection().recordTaskClaimed({
      taskId: task.taskId,
      caseId: this.caseId,
      step: task.step,
      actor: update.actor,
      claimedAt,
    });
    return { taskId: task.taskId, claimedBy: update.actor.sub, claimedAt };
  }

  protected supervisorRolesFor(task: TaskView): readonly string[] {
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

  protected deadlineEvent(task: TaskState, roles: readonly string[]) {
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
    if (spec.onlyWhen && !this.latestChoiceIs(spec.onlyWhen)) {
      const { step, equals } = spec.onlyWhen;
      this.fail(
        FAILURE_TYPES.EVENT_NOT_APPLICABLE,
        `This event fits only a case where "${findStep(this.sop, step).title}" chose ${equals}; this case did not.`,
      );
    }
  }

  /** Did the latest completed task of the step choose this value? (validators only read state: not replayed) */
  private latestChoiceIs(when: { step: string; field: string; equals: string }): boolean {
    const done = [...this.tasks.values()].filter((t) => t.step === when.step && t.result !== undefined);
    const latest = done[done.length - 1];
    return latest?.result?.form[when.field] === when.equals;
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
    await projection().recordTimeline({
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

  protected consentQuery(requirement: NonNullable<StepSpec['requiresConsent']>) {
    return {
      caseId: this.caseId,
      purpose: requirement.purpose,
      scope: requirement.scope,
      ...(requirement.withSlot ? { sharedWithAgency: this.agencyFor(requirement.withSlot) } : {}),
    };
  }

  agencyFor(slot: string): string {
    const agencyId = this.input.participants[slot];
    if (!agencyId) throw ApplicationFailure.nonRetryable(`No agency fills the participant slot ${slot}.`, 'BadInput');
    return agencyId;
  }
}
