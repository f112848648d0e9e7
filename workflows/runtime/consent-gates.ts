import { patched, workflowInfo } from '@temporalio/workflow';
import {
  SUPERVISOR_ROLES,
  type ConsentForm,
  type ConsentGiver,
  type StepConsent,
  type StepSpec,
} from '@waymark/contracts';
import { CaseHandlers } from './case-handlers';
import { CONSENT_GATES_PATCH, CONSENT_RECHECK, activities, type HumanTaskResult } from './runtime-types';

/**
 * Consent gates: a step that passes data to another agency waits, visibly, until a matching consent is active; a step
 * that records the person's decision writes the consent records (seed L6242-L6245, L7399-L7401).
 */
export class ConsentGates extends CaseHandlers {
  /**
   * Holds a step that passes data to another agency until a matching consent is active (seed L6242–L6245,
   * L7399–L7401). The wait is visible: a timeline entry, a notification to the acting agency, and the case state.
   * The API nudges the workflow when consents change; the gate also looks again every hour. `requirement`: another
   * consent than the step's own (a follow-on case the step starts).
   */
  protected async awaitConsent(step: StepSpec, requirement = step.requiresConsent): Promise<void> {
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

  /**
   * Holds `stepId` until a consent this path of the SOP asks for is active (not the step's declared one): the joint
   * operation's assistance waits for the person's informed consent when the decision says it was not recorded.
   */
  async awaitConsentBefore(stepId: string, requirement: NonNullable<StepSpec['requiresConsent']>): Promise<void> {
    const step = this.sop.steps.find((s) => s.id === stepId);
    if (!step) throw new Error(`unknown step ${stepId}`);
    await this.awaitConsent(step, requirement);
  }

  protected consentWaitAudience(step: StepSpec): { agencyId: string; roles: readonly string[] }[] {
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
}
