import { ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import {
  CASE_ACTION_RULES,
  FAILURE_TYPES,
  FOREIGN_PAYLOAD_FAILURE,
  cancelCaseUpdate,
  caseStateQuery,
  claimTaskUpdate,
  assignTaskUpdate,
  completeTaskUpdate,
  consentsChangedSignal,
  decideCaseAction,
  extendDeadlineUpdate,
  hasForeignPayload,
  isForeignPayload,
  personEventSignal,
  reportEventUpdate,
  type CancelCaseInput,
  type CaseStartInput,
  type ClaimTaskInput,
  type AssignTaskInput,
  type CompleteTaskInput,
  type ExtendDeadlineInput,
  type PersonEventMessage,
  type ReportEventInput,
  type SopDefinition,
} from '@waymark/contracts';
import { forwardConsentNudge } from './consent-forwarding';
import { ParticipantChanges } from './participant-changes';
import { CaseInterrupted, FOREIGN_PAYLOADS_PATCH } from './runtime-types';
import { CaseEvents } from './case-events';

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
export class CaseHandlers extends CaseEvents {
  protected readonly participantChanges: ParticipantChanges;

  constructor(declared: SopDefinition, input: CaseStartInput) {
    super(declared, input);
    const sop = this.sop;
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
    setHandler(assignTaskUpdate, (u) => this.assignTask(u), {
      validator: refusingForeign<AssignTaskInput>((u) => this.validateAssign(u)),
    });
    setHandler(reportEventUpdate, (u) => this.reportEvent(u), {
      validator: refusingForeign<ReportEventInput>((u) => this.validateEvent(u)),
    });
    setHandler(personEventSignal, (...args: unknown[]) => {
      if (!hasForeignPayload(args)) this.heardPersonEvent(args[0] as PersonEventMessage);
    });
    setHandler(consentsChangedSignal, (...args: unknown[]) => {
      // A signal is in the history before a worker sees it, so it cannot be refused, only ignored, and the same
      // way on every replay. The patch keeps a history that took a foreign signal as a nudge before replaying so.
      if (hasForeignPayload(args) && patched(FOREIGN_PAYLOADS_PATCH)) return;
      this.consentNudges += 1;
      forwardConsentNudge(this.branchIds);
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

  /**
   * Only the lead agency's coordinator cancels the case (CASE_ACTION_RULES), whatever path the update took
   * to reach the workflow. Validators do not run on replay, so cancellations accepted before this check still replay.
   */
  protected validateCancel(update: CancelCaseInput): void {
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
}
