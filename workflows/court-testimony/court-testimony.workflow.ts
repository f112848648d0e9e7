import type { CaseResult, CaseStartInput, StepConsent } from '@waymark/contracts';
import { dateValue } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { COURT_TESTIMONY_SOP } from './court-testimony.sop';

interface Intake {
  courtInAnotherCountry: boolean;
  isMinor: boolean;
}

interface Decision {
  givenBy: 'person' | 'guardian';
  consentForm: 'verbal' | 'written';
  shareRisksWithPolice: boolean;
}

interface Hearing {
  hearingDate: string;
  courtArrangesTravel: 'yes' | 'no' | 'not-needed';
}

type HearingOutcome = 'testified' | 'not-heard' | 'did-not-attend';

/**
 * Court testimony and witness support (catalogue T12; C11 L7635-L7642). The witness decides first; the lawyer and the
 * police's risk assessment follow side by side; then, in rounds a postponement restarts, the hearing is confirmed,
 * prepared (counselling, the lawyer meeting, travel to a court in another country) and attended; a follow-up closes.
 */
export async function courtTestimonyWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(COURT_TESTIMONY_SOP, input);
  const intake = input.intake as unknown as Intake;
  return sop.run(async () => {
    await sop.humanTask('inform-witness');
    const decision = await sop.decide<'testify' | 'declines'>('testimony-decision', 'decision');
    // A no ends the witness path only (L6515): nothing else in this case, and nothing outside it, depends on it.
    if (decision.value === 'declines') return 'declined-to-testify';
    const form = decision.form as unknown as Decision;
    // The risk assessment waits for the witness's consent to share needs and risks with the police (its gate); the
    // decision records it when given, otherwise a consent recorded later (POST /cases/:id/consents) opens the step.
    const consents: StepConsent[] = form.shareRisksWithPolice
      ? [{ purpose: 'sharing', sharedWithAgency: sop.agencyFor('police'), scope: ['needs-and-risks'] }]
      : [];
    if (consents.length > 0)
      await sop.recordConsents(decision, {
        form: form.consentForm,
        givenBy: intake.isMinor ? 'guardian' : form.givenBy,
        consents,
      });
    const [advocate] = await Promise.all([
      sop.humanTask<{ advocateStatus: string }>('appoint-advocate'),
      sop.humanTask('risk-assessment'),
    ]);
    const represented = advocate.form.advocateStatus !== 'not-wanted';
    const outcome = await sop.inRounds(() => prepareAndAttend(sop, intake, represented));
    await sop.humanTask('post-hearing-follow-up');
    return outcome === 'testified' ? 'testimony-given' : 'testimony-not-given';
  });
}

/**
 * One round: the confirmed hearing date (the `hearing-date` deadline follows it), the preparation side by side, then
 * the escort on the hearing day. A postponement (event `hearing-postponed`) closes the round and starts the next.
 */
async function prepareAndAttend(sop: SopRuntime, intake: Intake, represented: boolean): Promise<HearingOutcome> {
  const hearing = await sop.humanTask<Hearing>('confirm-hearing');
  const preparation: Promise<unknown>[] = [sop.humanTask('pre-trial-support')];
  if (represented) preparation.push(sop.humanTask('lawyer-meeting'));
  if (intake.courtInAnotherCountry && hearing.form.courtArrangesTravel !== 'yes')
    preparation.push(sop.humanTask('book-travel'));
  await Promise.all(preparation);
  // The escort opens on the hearing day (the workflow's clock; the date was checked not to be in the past).
  const wait = (dateValue(hearing.form.hearingDate)?.getTime() ?? 0) - Date.now();
  if (wait > 0) {
    await sop.note('waiting-for-hearing', {
      step: 'hearing-escort',
      detail: { hearingDate: hearing.form.hearingDate },
    });
    await sop.sleep(wait);
  }
  const escort = await sop.humanTask<{ outcome: HearingOutcome }>('hearing-escort');
  return escort.form.outcome;
}
