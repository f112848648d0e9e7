import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { MAX_SHELTERS_ASKED, SHELTER_ADMISSION_SOP } from './shelter-admission.sop';

interface MatchForm {
  personConsentsToShare: boolean;
  consentForm?: 'verbal' | 'written';
}
interface AnswerForm {
  decision: 'accepted' | 'declined';
  declineReason?: string;
  placesTotal: number;
  placesFree: number;
}
interface AdmitForm {
  outcome: 'admitted' | 'person-declined-rules';
  shareLocationWithNetwork: boolean;
  consentForm: 'verbal' | 'written';
}

const EXIT_END_STATES: Record<string, string> = {
  'left-for-return': 'left-for-return',
  'moved-to-independent-living': 'stayed-in-destination',
  'referred-to-other-programme': 'referred-elsewhere',
  'left-without-notice': 'absconded',
};

/**
 * Shelter admission and secure relocation (catalogue T5, T6). Each placement is a round: risk, a shelter found,
 * transfer, admission, stay, exit. A relocation event sends the case back to the risk assessment as a new round
 * (the shelter slot changes hands there); a person leaving ends it.
 */
export async function shelterAdmissionWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(SHELTER_ADMISSION_SOP, input);
  return sop.run(() => sop.inRounds(() => placement(sop)));
}

async function placement(sop: SopRuntime): Promise<string> {
  await sop.humanTask('assess-risk');
  await findShelter(sop);
  await sop.humanTask('transfer-person');
  const admission = await sop.decide<AdmitForm['outcome']>('admit-person', 'outcome');
  if (admission.value === 'person-declined-rules') return 'declined-placement';
  const form = admission.form as unknown as AdmitForm;
  // Whom the person allows to know where they stay: the network coordinator, as a sharing consent (L6820-L6822).
  if (form.shareLocationWithNetwork)
    await sop.recordConsents(admission, {
      form: form.consentForm,
      givenBy: 'person',
      consents: [{ purpose: 'sharing', sharedWithAgency: sop.agencyFor('network'), scope: ['identity'] }],
    });
  await Promise.all([sop.humanTask('assess-and-plan-stay'), sop.humanTask('inform-rights')]);
  await sop.humanTask('plan-exit');
  const exit = await sop.decide<string>('confirm-exit', 'outcome');
  return EXIT_END_STATES[exit.value] ?? 'referred-elsewhere';
}

/**
 * Asks shelters until one accepts: the coordinator puts a shelter in the slot and records the person's consent to
 * share the risk assessment with it; the shelter answers with its capacity. A decline is noted with its reason and
 * the next shelter is asked, at most MAX_SHELTERS_ASKED per placement (L5730, L3917-L3918; the limit is inferred).
 */
async function findShelter(sop: SopRuntime): Promise<void> {
  const declined = new Set<string>();
  for (;;) {
    const match = await sop.decide<boolean>('match-shelter', 'personConsentsToShare');
    if (!match.value) sop.end('consent-refused');
    const shelter = sop.agencyFor('shelter');
    if (declined.has(shelter)) {
      // The slot still holds a shelter that declined this placement: the coordinator must put the next one in it.
      await sop.note('warning', { step: 'match-shelter', detail: { rule: 'next-shelter-asked' } });
      continue;
    }
    const consentForm = (match.form as unknown as MatchForm).consentForm ?? 'verbal';
    await sop.recordConsents(match, {
      form: consentForm,
      givenBy: 'person',
      consents: [{ purpose: 'sharing', sharedWithAgency: shelter, scope: ['needs-and-risks'] }],
    });
    const answer = await sop.decide<AnswerForm['decision']>('answer-place-request', 'decision');
    const form = answer.form as unknown as AnswerForm;
    if (answer.value === 'accepted') return;
    declined.add(shelter);
    await sop.note('shelter-declined', {
      step: 'answer-place-request',
      agencyId: shelter,
      detail: {
        reason: form.declineReason ?? 'not-given',
        placesTotal: form.placesTotal,
        placesFree: form.placesFree,
        asked: declined.size,
      },
    });
    if (declined.size >= MAX_SHELTERS_ASKED) sop.end('no-place-found');
  }
}
