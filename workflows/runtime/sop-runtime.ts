import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  FOREIGN_PAYLOAD_FAILURE,
  intakeRecordsMinor,
  isForeignPayload,
  pickDemographics,
  splitByCompartment,
  type CaseResult,
  type CaseStartInput,
} from '@waymark/contracts';
import { HumanTasks } from './human-tasks';
import type { PersonEntry } from './person-events';
import { ROUNDS_PATCH, RoundReopened } from './rounds';
import {
  CaseEnds,
  CaseInterrupted,
  ONE_COMMIT_OPENING_PATCH,
  projection,
  writeOpening,
  type PersonBranch,
} from './runtime-types';

export {
  CONSENT_GATES_PATCH,
  CaseEnds,
  CaseInterrupted,
  type Duration,
  type HumanTaskResult,
  type PersonBranch,
  type ReportedEvent,
} from './runtime-types';

/**
 * The per-execution SOP runtime. It registers every message handler before the first await (so no update is lost
 * on the first activation), keeps the open tasks and the reported events, and gives SOP code its primitives:
 * `humanTask` (a step in an agency's inbox), `decide` (a step whose form carries the decision), `awaitEvent`
 * (a fact from outside any inbox), `sleep` (a timer that a cancellation interrupts), `startPerson` (a child
 * workflow per person found), `note` (a timeline entry), and `run` (the case from start to end state).
 *
 * It is built in layers, each one job: `CaseState` (state, waits, notes, the view), `TaskHandlers` (completing,
 * claiming, extending tasks), `CaseEvents` (reported events: checks, rounds, person events), `CaseHandlers` (message
 * registration, cancellation, participant changes), `ConsentGates`, `LinkedCases` (follow-on cases), `HumanTasks`
 * (steps, deadlines, events) and this class (person branches, rounds and the case's life).
 */
export class SopRuntime extends HumanTasks {
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
    this.branchIds.push(handle.workflowId);
    const entry = { workflowId: handle.workflowId } as PersonEntry;
    this.persons.set(subject, entry);
    // Known at once to events about the person; a failed branch counts as ended (the failure is in Temporal).
    handle.result().then(
      (r) => void (entry.endState = (r as CaseResult | undefined)?.endState ?? 'ended'),
      () => void (entry.endState = 'failed'),
    );
    await this.note('person-branch-started', { detail: { subject, workflowType } });
    return { subject, handle };
  }

  /**
   * The one way to wait for person branches: until every one given has ended, through the runtime so that a
   * cancellation or an ending event interrupts the wait. Returns their results in order; a failed branch fails it.
   */
  async awaitPersons<R>(branches: readonly PersonBranch<R>[]): Promise<R[]> {
    const results: R[] = [];
    let settled = 0;
    let failure: { error: unknown } | undefined;
    branches.forEach((branch, i) => {
      branch.handle.result().then(
        (result) => {
          results[i] = result;
          settled += 1;
        },
        (error: unknown) => {
          failure ??= { error };
          settled += 1;
        },
      );
    });
    await this.waitFor(() => failure !== undefined || settled === branches.length);
    if (failure) throw failure.error;
    return results;
  }

  /**
   * Runs a part of the SOP in rounds: an event that reopens the case (EventSpec.reopens) closes the round's open
   * tasks and runs `body` again from its first decision, as round 2, 3… (each round's tasks and notes carry it).
   * Cases started before rounds existed run `body` once, as they did.
   */
  async inRounds<T>(body: () => Promise<T>): Promise<T> {
    if (!patched(ROUNDS_PATCH)) return body();
    this.roundScope = true;
    try {
      for (;;) {
        let result: T | undefined;
        try {
          result = await body();
        } catch (err) {
          if (!(err instanceof RoundReopened) || err !== this.reopening) throw err;
        }
        // An event accepted as the round's last step was done still reopens it.
        if (!this.reopening) return result as T;
        await this.startRound(this.reopening);
      }
    } finally {
      this.roundScope = false;
    }
  }

  /** Once every step and note of the old round has settled: its open tasks close and the next round starts. */
  private async startRound(next: RoundReopened): Promise<void> {
    await condition(() => this.inFlight === 0);
    for (const task of this.tasks.values()) if (task.status === 'open') task.status = 'cancelled';
    this.waitingForConsent.clear();
    this.round = next.round;
    this.reopening = undefined;
    // The read model closes the old round's open tasks when it records this entry (CaseStore.recordTimeline).
    await this.note('round-started', {
      step: next.step,
      detail: { round: next.round, event: next.eventType, sequence: next.sequence },
    });
  }

  /** Has the branch of this person ended? (false for a code no branch carries) */
  personEnded(subject: string): boolean {
    return this.persons.get(subject)?.endState !== undefined;
  }

  /** Ends the case (or this person's branch) in `endState` from anywhere in SOP code; other tracks are abandoned. */
  end(endState: string): never {
    throw new CaseEnds(endState);
  }

  /** Runs an SOP body to an end state, turning a cancellation or an ending event into its end state. */
  async run(body: () => Promise<string>): Promise<CaseResult> {
    // Started from outside Waymark (the codec refused the input, ADR 0008): fail now, write nothing.
    if (isForeignPayload(this.input)) {
      throw ApplicationFailure.nonRetryable('The case was not started through Waymark.', FOREIGN_PAYLOAD_FAILURE);
    }
    const child = this.input.subject !== undefined;
    // From ONE_COMMIT_OPENING_PATCH the opening rides with the case's first write, and the body starts meanwhile.
    let opened: Promise<void> = Promise.resolve();
    if (!child) {
      opened = writeOpening({
        caseId: this.caseId,
        sop: this.sop.id,
        sopVersion: this.sop.version,
        ...(this.input.overlay
          ? { overlay: { name: this.input.overlay.name, digest: this.input.overlay.digest } }
          : {}),
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
      // Before the patch the opening was awaited here; from it, its failure surfaces where it is awaited below.
      if (!patched(ONE_COMMIT_OPENING_PATCH)) await opened;
      else opened.catch(() => undefined);
    }
    await this.dataDeadlines.start();
    let endState: string;
    let status: CaseResult['status'] = 'completed';
    try {
      endState = await body();
    } catch (err) {
      if (err instanceof CaseEnds) endState = err.endState;
      else if (err instanceof CaseInterrupted) {
        status = err.status;
        endState = err.endState;
      } else throw err;
    }
    // The opening and the updates whose handlers are still writing must be committed before the case closes.
    await opened;
    await condition(allHandlersFinished);
    for (const task of this.tasks.values()) if (task.status === 'open') task.status = 'cancelled';
    this.status = status;
    this.endState = endState;
    if (child) {
      // The person's outcome and its reason (the ending event's reason code, else the end state) for the case view.
      const outcome = this.sop.endStates.find((e) => e.id === endState)?.personOutcome;
      const reason = this.personEnd?.reason ?? endState;
      await this.note('person-branch-ended', { detail: { endState, ...(outcome ? { outcome, reason } : {}) } });
    } else {
      await projection().closeCase({
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
