import { workflowInfo } from '@temporalio/workflow';
import {
  FAILURE_TYPES,
  findEvent,
  findStep,
  splitByCompartment,
  validateForm,
  type PersonEventMessage,
  type ReportEventInput,
} from '@waymark/contracts';
import { forwardPersonEvent, personEventProblem, personOf } from './person-events';
import { RoundReopened, reopenDecision, type RoundState } from './rounds';
import { CaseInterrupted, projection, type ReportedEvent } from './runtime-types';
import { TaskHandlers } from './task-handlers';

/**
 * Events reported on a case (`POST /cases/:id/events`): checked against the case's state (the reporter, the form, a
 * choice the case made, a person it holds, whether it may go back a round), then recorded; an event may end the case,
 * send it back to an earlier decision, or go on to one person's branch.
 */
export class CaseEvents extends TaskHandlers {
  protected validateEvent(update: ReportEventInput): void {
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
    if (spec.reopens) {
      const decision = reopenDecision(this.sop, spec, this.roundState());
      if (decision.kind === 'refuse') this.fail(FAILURE_TYPES.EVENT_NOT_APPLICABLE, decision.reason);
    }
    const personProblem = personEventProblem(spec, update.data, this.persons);
    if (personProblem) this.fail(FAILURE_TYPES.EVENT_NOT_APPLICABLE, personProblem);
    if (spec.onlyWhen && !this.latestChoiceIs(spec.onlyWhen)) {
      const { step, equals } = spec.onlyWhen;
      this.fail(
        FAILURE_TYPES.EVENT_NOT_APPLICABLE,
        `This event fits only a case where "${findStep(this.sop, step).title}" chose ${equals}; this case did not.`,
      );
    }
  }

  /** Did the latest completed task of the step choose this value? (validators only read state: not replayed) */
  protected latestChoiceIs(when: { step: string; field: string; equals: string }): boolean {
    // Only this round's choice counts: a route chosen in an earlier round was left behind.
    const done = [...this.tasks.values()].filter(
      (t) => t.step === when.step && t.result !== undefined && (t.round ?? 1) === this.round,
    );
    const latest = done[done.length - 1];
    return latest?.result?.form[when.field] === when.equals;
  }

  protected async reportEvent(update: ReportEventInput) {
    const spec = findEvent(this.sop, update.type)!;
    const event: ReportedEvent = {
      type: update.type,
      sequence: this.events.length + 1,
      reportedAt: new Date().toISOString(),
      data: update.data,
      actor: update.actor,
    };
    this.events.push(event);
    await this.dataDeadlines.recompute();
    const person = personOf(spec, update.data);
    // A reopening event starts a new round while the case may go back, else it ends the case as it declares.
    const reopen = spec.reopens ? reopenDecision(this.sop, spec, this.roundState()).kind === 'reopen' : false;
    if (reopen) this.reopening ??= new RoundReopened(this.round + 1, spec.reopens!.step, spec.type, event.sequence);
    else if (spec.endsCaseAs) this.interruption ??= new CaseInterrupted(spec.endsCaseAs, 'completed');
    await projection().recordTimeline({
      caseId: this.caseId,
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:event:${event.sequence}`,
      kind: 'event-reported',
      at: event.reportedAt,
      agencyId: update.actor.agencyId,
      actorSub: update.actor.sub,
      detail: {
        type: update.type,
        ...(reopen ? { reopens: spec.reopens!.step } : spec.endsCaseAs ? { endsCaseAs: spec.endsCaseAs } : {}),
      },
      ...(spec.compartment ? { records: splitByCompartment(spec.form, spec.compartment, update.data) } : {}),
      ...(this.input.subject || person ? { subject: person ?? this.input.subject } : {}),
    });
    const entry = person !== undefined ? this.persons.get(person) : undefined;
    if (entry && !(await forwardPersonEvent(entry, event)))
      await this.note('person-event-unrouted', { detail: { subject: person, sequence: event.sequence } });
    return { type: event.type, reportedAt: event.reportedAt, sequence: event.sequence };
  }

  protected roundState(): RoundState {
    return { inRounds: this.roundScope, round: this.round, pending: this.reopening !== undefined, tasks: this.tasks };
  }

  /** In a person's branch: an event about the person, passed on by the case; it may end the branch. */
  protected heardPersonEvent(message: PersonEventMessage): void {
    const spec = findEvent(this.sop, message.type);
    if (!spec?.person || this.input.subject === undefined) return;
    this.events.push({ ...message, sequence: this.events.length + 1 });
    if (spec.person.endsAs && !this.interruption) {
      const reason = message.data.reason;
      this.personEnd = { reason: typeof reason === 'string' ? reason : message.type };
      this.interruption = new CaseInterrupted(spec.person.endsAs, 'completed');
    }
  }
}
