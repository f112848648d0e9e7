import { ApplicationFailure, condition, workflowInfo } from '@temporalio/workflow';
import {
  applySopOverlay,
  findStep,
  SUPERVISOR_ROLES,
  FAILURE_TYPES,
  type Actor,
  type CaseStartInput,
  type CaseStateView,
  type ConsentWaitView,
  type SopDefinition,
  type StepSpec,
  type TaskView,
} from '@waymark/contracts';
import type { PersonEntry } from './person-events';
import type { RoundReopened } from './rounds';
import { CaseInterrupted, projection, type Duration, type ReportedEvent, type TaskState } from './runtime-types';

/**
 * The state a case's workflow keeps (open tasks, reported events, status, consent waits) and the small primitives every
 * other part of the runtime stands on: waiting on a condition that a cancellation interrupts, timeline notes, the
 * agency of a slot, the state view the API queries. The SOP it runs is the declaration with the jurisdiction overlay
 * the case started under.
 */
export class CaseState {
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
  /** The person branches by code, with their end state once they ended (person-events.ts). */
  protected readonly persons = new Map<string, PersonEntry>();
  /** In a person's branch: why an event about the person ended it (its reason code, else the event type). */
  protected personEnd?: { reason: string };
  /** The case's round (rounds.ts): 1 until an event sends it back to an earlier decision. */
  protected round = 1;
  /** Set by a reopening event until the next round starts; every wait of the round throws it. */
  protected reopening?: RoundReopened;
  /** True while the SOP body runs inside `inRounds`. */
  protected roundScope = false;
  /** Steps and notes still writing: a new round starts only once those of the old one have settled. */
  protected inFlight = 0;
  /** The SOP as this case runs it: the declaration with the jurisdiction overlay the case started under, if any. */
  readonly sop: SopDefinition;

  constructor(
    declared: SopDefinition,
    readonly input: CaseStartInput,
  ) {
    this.sop = applySopOverlay(declared, input.overlay?.sop);
  }

  get caseId(): string {
    return this.input.caseId;
  }

  protected fail(type: string, message: string, details?: unknown[]): never {
    throw ApplicationFailure.create({ type, message, details });
  }

  protected assertOpen(): void {
    if (this.status !== 'open' || this.interruption)
      this.fail(FAILURE_TYPES.CASE_CLOSED, 'The case is already closed.');
  }

  protected supervisorRolesFor(task: TaskView): readonly string[] {
    const slot = findStep(this.sop, task.step).actor.slot;
    return this.sop.participants[slot]?.supervisorRoles ?? SUPERVISOR_ROLES;
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
      ...(requirement.withSlot
        ? {
            sharedWithAgency: this.agencyFor(requirement.withSlot),
            sharedWithKind: this.sop.participants[requirement.withSlot]?.kind,
          }
        : {}),
      ...(this.input.subject ? { subject: this.input.subject } : {}),
    };
  }

  agencyFor(slot: string): string {
    const agencyId = this.input.participants[slot];
    if (!agencyId) throw ApplicationFailure.nonRetryable(`No agency fills the participant slot ${slot}.`, 'BadInput');
    return agencyId;
  }

  /**
   * Waits for a condition; throws `CaseInterrupted` if the case is cancelled or ended by an event meanwhile, and
   * `RoundReopened` if an event sends it back to an earlier decision.
   */
  async waitFor(cond: () => boolean, timeout?: Duration): Promise<boolean> {
    const stop = () => this.interruption !== undefined || this.reopening !== undefined;
    const met =
      timeout === undefined
        ? (await condition(() => cond() || stop()), true)
        : await condition(() => cond() || stop(), timeout);
    if (this.interruption) throw this.interruption;
    if (this.reopening) throw this.reopening;
    return met && cond();
  }

  /** A timer that a cancellation or an ending event cuts short. */
  async sleep(duration: Duration): Promise<void> {
    await this.waitFor(() => false, duration);
  }

  /** A timeline entry: a decision, a warning, an escalation. Ids and codes only, never personal data. */
  async note(
    kind: string,
    opts: { step?: string; agencyId?: string; detail?: Record<string, unknown> } = {},
  ): Promise<void> {
    this.inFlight += 1;
    try {
      await this.writeNote(kind, opts);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async writeNote(
    kind: string,
    opts: { step?: string; agencyId?: string; detail?: Record<string, unknown> },
  ): Promise<void> {
    this.noteSeq += 1;
    await projection().recordTimeline({
      caseId: this.caseId,
      // The run id keeps keys unique across continue-as-new, where the sequence starts again.
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:note:${this.noteSeq}`,
      kind,
      at: new Date().toISOString(),
      step: opts.step,
      agencyId: opts.agencyId,
      detail: {
        ...(this.input.subject ? { subject: this.input.subject } : {}),
        ...(this.round > 1 ? { round: this.round } : {}),
        ...opts.detail,
      },
    });
  }
}
