import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
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
import { CaseInterrupted, projection, type PersonBranch } from './runtime-types';

export {
  CONSENT_GATES_PATCH,
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
 * claiming, extending tasks), `CaseHandlers` (message registration, events, cancellation, participant changes),
 * `ConsentGates`, `LinkedCases` (follow-on cases), `HumanTasks` (steps, deadlines, events) and this class (person branches and the case's life).
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
    await this.note('person-branch-started', { detail: { subject, workflowType } });
    return { subject, handle };
  }

  /** Runs an SOP body to an end state, turning a cancellation or an ending event into its end state. */
  async run(body: () => Promise<string>): Promise<CaseResult> {
    // Started from outside Waymark (the codec refused the input, ADR 0008): fail now, write nothing.
    if (isForeignPayload(this.input)) {
      throw ApplicationFailure.nonRetryable('The case was not started through Waymark.', FOREIGN_PAYLOAD_FAILURE);
    }
    const child = this.input.subject !== undefined;
    if (!child) {
      await projection().recordCaseOpened({
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
