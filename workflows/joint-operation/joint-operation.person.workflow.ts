import { patched, setHandler } from '@temporalio/workflow';
import { durationToMs, type CaseResult, type CaseStartInput } from '@waymark/contracts';
import { LINKED_CASES_PATCH } from '../runtime/linked-cases';
import { SopRuntime } from '../runtime/sop-runtime';
import { courtDateForwardSignal, type CourtDateForward } from './joint-operation.messages';
import { FOLLOW_UP_CADENCE, JOINT_OPERATION_SOP } from './joint-operation.sop';

type AssistanceAnswer = 'accepts' | 'declines';

/**
 * The assistance decision's `consentRecorded` decides: recorded, it becomes the person's assistance consent (for this
 * person only); not recorded, the assistance waits, visibly, until a consent for assistance is recorded. Histories
 * from before replay without either.
 */
export const JO_ASSISTANCE_CONSENT_PATCH = 'joint-operation-assistance-consent';
/** What assistance needs to know of the person (L2222-L2223: referral, accommodation, translation). */
const ASSISTANCE_SCOPE = ['needs-and-risks', 'contact', 'health'] as const;

/**
 * One person identified in a joint operation (subject `P1`, `P2`…). Every task of this branch goes to the NGO:
 * the seed keeps the psychosocial work away from the police (L2228-L2234).
 */
export async function jointOperationPersonWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(JOINT_OPERATION_SOP, input);
  // Court dates forwarded by the operation; registered before the first await like the runtime's handlers.
  const hearings: CourtDateForward[] = [];
  setHandler(courtDateForwardSignal, (hearing) => void hearings.push(hearing));

  return sop.run(async () => {
    // "as soon as trafficked persons are detected and identified" (L5579-L5580): opened at once, target PT2H.
    await sop.humanTask('rights-information');
    // `decide` notes only the assistance answer on the timeline, which the police see; the cooperation answer
    // stays in the NGO's form (inspection and protection kept apart, cf. L1619-L1621).
    const decision = await sop.decide<AssistanceAnswer>('assistance-decision', 'assistance');
    const { value } = decision;
    if (value === 'declines') {
      if (hearings.length > 0) await sop.note('court-date-not-escorted', { detail: { pending: hearings.length } });
      return 'assistance-declined';
    }
    // Rule assistance-not-conditional-on-cooperation: no branch reads the cooperationWithPolice answer
    // (L3575-L3576, L3751-L3752). Assistance rests on the person's informed consent to it, nothing else.
    if (patched(JO_ASSISTANCE_CONSENT_PATCH)) {
      if (decision.form.consentRecorded === true)
        await sop.recordConsents(decision, {
          form: 'verbal',
          givenBy: 'person',
          consents: [
            { purpose: 'assistance', scope: ASSISTANCE_SCOPE, ...(input.subject ? { subject: input.subject } : {}) },
          ],
        });
      else await sop.awaitConsentBefore('arrange-assistance', { purpose: 'assistance', scope: ['needs-and-risks'] });
    }
    const arranged = await sop.humanTask<{ futureOption?: string }>('arrange-assistance');
    // A person who chose to return is referred to an assisted-return case (a follow-on, under consent). Histories
    // from before linked cases never chose it and replay as they ran.
    if (arranged.form.futureOption === 'assisted-return' && patched(LINKED_CASES_PATCH))
      await sop.humanTask('refer-for-return');
    await sop.humanTask('risk-assessment');
    return followUp(sop, hearings);
  });
}

/**
 * Waits for court dates; each one opens a court escort (L5582). Without one for 90 days the NGO reviews the
 * follow-up and may close it, so the branch never waits forever for proceedings that may never come.
 */
async function followUp(sop: SopRuntime, hearings: CourtDateForward[]): Promise<string> {
  let escorts = 0;
  for (;;) {
    if (await sop.waitFor(() => hearings.length > 0, durationToMs(FOLLOW_UP_CADENCE))) {
      const hearing = hearings.shift()!;
      await sop.note('court-date-received', { step: 'court-escort', detail: { sequence: hearing.sequence } });
      await sop.humanTask('court-escort');
      escorts += 1;
      continue;
    }
    const { value } = await sop.decide<'continue' | 'close-follow-up'>('person-follow-up', 'decision');
    if (value === 'continue') continue;
    // A court date that arrived while the review was open is escorted before the branch may end.
    if (hearings.length > 0) {
      await sop.note('follow-up-close-deferred', { step: 'person-follow-up', detail: { pending: hearings.length } });
      continue;
    }
    return escorts > 0 ? 'court-escort-completed' : 'assisted-and-placed';
  }
}
