import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { VENICE_INSPECTION_SOP } from './venice-inspection.sop';

type IdentificationOutcome = 'identified-consents-to-referral' | 'identified-declines-referral' | 'not-identified';

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
    const { form } = await sop.humanTask<{ outcome: IdentificationOutcome }>('identification-decision');
    switch (form.outcome) {
      case 'not-identified':
        return 'closed-counselled-not-identified';
      case 'identified-declines-referral':
        // L1129-L1130: no measure without consent, so nothing is sent to the social protection staff.
        return 'closed-referral-declined';
      case 'identified-consents-to-referral':
        await sop.humanTask('referral-to-social-protection');
        return 'closed-referred-to-social-protection';
    }
  });
}
