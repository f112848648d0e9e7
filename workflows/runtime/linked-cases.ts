import { patched, proxyActivities } from '@temporalio/workflow';
import { carriedIntake, startsCaseApplies, type LinkedCaseActivities, type StepSpec } from '@waymark/contracts';
import { ConsentGates } from './consent-gates';
import type { HumanTaskResult } from './runtime-types';

/**
 * Steps that start a follow-on case were added after cases were already running: histories recorded before replay
 * without the consent check and the activity (docs/sop-versioning.md).
 */
export const LINKED_CASES_PATCH = 'linked-cases';

// Starting a case writes its row, its key and its link: seconds, not milliseconds; retried until it succeeds (the
// activity is idempotent: the follow-on's id derives from this case, the step and the person's code).
const linked = proxyActivities<LinkedCaseActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * Follow-on cases (StepSpec.startsCase): once a step that declares one is completed and its form calls for it, the
 * declared consent is awaited through the consent gates, then the other SOP's case is started with only the declared
 * intake fields and linked to this one.
 */
export class LinkedCases extends ConsentGates {
  protected async startFollowOn(step: StepSpec, result: HumanTaskResult): Promise<void> {
    const spec = step.startsCase;
    if (!spec || !startsCaseApplies(spec, result.form) || !patched(LINKED_CASES_PATCH)) return;
    await this.awaitConsent(step, spec.consent);
    const participants: Record<string, string> = {};
    for (const [target, source] of Object.entries(spec.participants ?? {}))
      participants[target] = this.agencyFor(source);
    const intake = carriedIntake(spec, {
      intake: this.input.intake,
      step: (id) => (id === step.id ? result.form : this.latestForm(id)),
    });
    const started = await linked.startFollowOnCase({
      caseId: this.caseId,
      sop: this.sop.id,
      step: step.id,
      ...(this.input.subject ? { subject: this.input.subject } : {}),
      targetSop: spec.sop,
      intake,
      participants,
      openedBy: result.actor,
      at: new Date().toISOString(),
    });
    // Started: both cases' timelines show the link (written with it). Refused: fields and reasons, never values.
    if (!started.started) {
      await this.note('follow-on-not-started', { step: step.id, detail: { sop: spec.sop, errors: started.errors } });
    }
  }

  /** The form of the latest completion of a step in this workflow. */
  private latestForm(stepId: string): Record<string, unknown> | undefined {
    let form: Record<string, unknown> | undefined;
    for (const task of this.tasks.values()) if (task.step === stepId && task.result) form = task.result.form;
    return form;
  }
}
