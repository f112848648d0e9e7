import { patched } from '@temporalio/workflow';
import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { VENICE_INSPECTION_SOP } from './venice-inspection.sop';

type IdentificationOutcome = 'identified-consents-to-referral' | 'identified-declines-referral' | 'not-identified';

/**
 * The worker's consent to the referral is recorded as a consent for that worker naming the social protection staff,
 * the only way they read the worker's records (ParticipantSpec.personDataOnConsent). Histories from before replay
 * without it.
 */
export const VENICE_REFERRAL_CONSENT_PATCH = 'venice-referral-consent';

/**
 * One vulnerable worker (`input.subject`, e.g. `W2`), run by the municipal team after the inspection
 * (L4409-L4412): needs first, then information and counselling, then identification and, with consent, referral.
 */
export async function veniceVulnerableWorkerWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(VENICE_INSPECTION_SOP, input);
  return sop.run(async () => {
    await sop.humanTask('preliminary-needs-assessment');
    await sop.humanTask('information-and-counselling');
    // Not `decide`: its note would put the outcome on the case timeline that the inspection agencies read too.
    const decision = await sop.humanTask<{ outcome: IdentificationOutcome }>('identification-decision');
    const { form } = decision;
    switch (form.outcome) {
      case 'not-identified':
        return 'closed-counselled-not-identified';
      case 'identified-declines-referral':
        // L1129-L1130: no measure without consent, so nothing is sent to the social protection staff.
        return 'closed-referral-declined';
      case 'identified-consents-to-referral':
        if (patched(VENICE_REFERRAL_CONSENT_PATCH) && input.subject)
          await sop.recordConsents(decision, {
            form: 'verbal',
            givenBy: 'person',
            consents: [
              {
                purpose: 'sharing',
                sharedWithAgency: sop.agencyFor('social-protection'),
                subject: input.subject,
                // What the programme needs to take the person in charge (L4464-L4466): needs, health, the story.
                scope: ['needs-and-risks', 'health', 'exploitation-form', 'contact'],
              },
            ],
          });
        await sop.humanTask('referral-to-social-protection');
        return 'closed-referred-to-social-protection';
    }
  });
}
