import { durationToMs, type ConsentScope, type StepConsent } from '@waymark/contracts';
import type { SopRuntime } from '../runtime/sop-runtime';

/** The intake of `POST /cases` for this SOP (validated against ASSISTED_RETURN_SOP.intake before the case starts). */
export interface AssistedReturnIntake {
  isMinor: boolean;
  plannedReturnDate: string;
  returnCountry: string;
  hostCountry?: string;
  referralSource?: string;
}

export interface ReintegrationPlan {
  agreedWithPerson: boolean;
  placementOnArrival: string;
  monitoringMonths: number;
}

export type ReturnRoute = 'return-agency' | 'ngo';

const DAY_MS = durationToMs('P1D');
/** "the case referral should be done at least one month before the victim's return" (seed L6269). */
export const REFERRAL_LEAD_MS = durationToMs('P30D');
/** The seed names consular delay as a problem (L6607-L6609, L2875-L2879) but gives no period: 14 days is inferred. */
export const CONSULAR_CHASE_AFTER_MS = durationToMs('P14D');

/** The scope booleans of the `record-consent` form. */
interface ConsentScopeForm {
  consentForm?: 'verbal' | 'written';
  shareStory?: boolean;
  shareNeeds?: boolean;
  shareRisks?: boolean;
  sharePickUpDetails?: boolean;
  withholdFromFamily?: boolean;
}

/**
 * The consents the return team's steps wait for, from the decision recorded in `record-consent`: the origin NGO gets
 * what the person agreed to (story, needs and risks, pick-up details: L6242-L6245, L7399-L7401); the return agency
 * and the consulate get identity and travel data, the least their steps need (inferred).
 */
export function returnTeamConsents(sop: SopRuntime, form: ConsentScopeForm): StepConsent[] {
  const origin: ConsentScope[] = ['identity'];
  if (form.shareStory) origin.push('exploitation-form');
  if (form.shareNeeds || form.shareRisks) origin.push('needs-and-risks');
  if (form.sharePickUpDetails) origin.push('travel', 'contact');
  return [
    { purpose: 'return', scope: origin },
    // The origin NGO works with the family (the social enquiry, mediation): it learns that the person asked for the
    // form of exploitation to stay from the family (L6244-L6245).
    {
      purpose: 'sharing',
      sharedWithAgency: sop.agencyFor('origin-ngo'),
      scope: origin,
      ...(form.withholdFromFamily ? { notForFamily: true } : {}),
    },
    { purpose: 'sharing', sharedWithAgency: sop.agencyFor('return-agency'), scope: ['identity', 'travel'] },
    { purpose: 'sharing', sharedWithAgency: sop.agencyFor('consulate'), scope: ['identity'] },
  ];
}

/**
 * Consent gate: nothing is referred before consent is recorded (seed L6242-L6243, L7649-L7650). For a child who
 * refuses, the responsible authority may act in the best interest (L7223-L7225, L7216-L7217); for an adult the
 * exchange stops (inferred from the consent rules). The decision becomes consent records that the steps sharing data
 * with the origin NGO, the return agency and the consulate wait for; a withdrawal holds those steps again.
 */
export async function consentGate(sop: SopRuntime, intake: AssistedReturnIntake): Promise<boolean> {
  const consent = await sop.decide<boolean>('record-consent', 'consentGiven');
  if (consent.value) {
    const form = consent.form as ConsentScopeForm;
    await sop.recordConsents(consent, {
      form: form.consentForm ?? 'verbal',
      givenBy: intake.isMinor ? 'guardian' : 'person',
      consents: returnTeamConsents(sop, form),
    });
    return true;
  }
  if (!intake.isMinor) return false;
  const decision = await sop.decide<'proceed-in-best-interest' | 'stop'>('record-best-interest-decision', 'decision');
  if (decision.value !== 'proceed-in-best-interest') return false;
  await sop.recordConsents(decision, {
    form: 'written',
    givenBy: 'responsible-authority',
    consents: returnTeamConsents(sop, { shareNeeds: true, sharePickUpDetails: true }),
  });
  return true;
}

/**
 * The referral, then the one-month rule (L6269): a referral later than 30 days before the planned return is a
 * warning, and the destination coordinator re-plans the date or confirms it; a re-planned date is checked again.
 */
export async function referToOrigin(sop: SopRuntime, intake: AssistedReturnIntake): Promise<void> {
  await sop.humanTask('refer-to-origin');
  let planned = Date.parse(intake.plannedReturnDate);
  while (planned - Date.now() < REFERRAL_LEAD_MS) {
    const daysBeforeReturn = Math.floor((planned - Date.now()) / DAY_MS);
    await sop.note('warning', {
      step: 'refer-to-origin',
      detail: { rule: 'referral-one-month-ahead', daysBeforeReturn },
    });
    const { value, form } = await sop.decide<'replan' | 'confirm-date'>('replan-return-date', 'decision');
    if (value === 'confirm-date') return;
    if (typeof form.newPlannedReturnDate === 'string') planned = Date.parse(form.newPlannedReturnDate);
  }
}

/**
 * The origin NGO's checks (C1/P12): social enquiry, risk assessment (form items of L6266-L6267), then the
 * reintegration plan, redrafted until the person agrees to it (L5193-L5194). A return the assessment advises
 * against ends with the person staying (catalogue DB2, inferred from L5161 and L3752-L3754).
 */
export async function originAssessment(sop: SopRuntime): Promise<ReintegrationPlan> {
  await sop.humanTask('origin-social-enquiry');
  const risk = await sop.decide<boolean>('assess-return-risk', 'returnAdvisable');
  if (!risk.value) sop.end('stayed-in-destination');
  for (;;) {
    const { form } = await sop.humanTask<ReintegrationPlan>('draft-reintegration-plan');
    if (form.agreedWithPerson) return form;
    await sop.note('plan-not-agreed', { step: 'draft-reintegration-plan' });
  }
}

/**
 * Everything the booking waits for. A child's return also needs the origin child-protection investigation and the
 * responsible authority's approval, given once the plan is known (L7605, L7623-L7627, L1889-L1891).
 */
export async function prepareReturn(sop: SopRuntime, intake: AssistedReturnIntake): Promise<ReintegrationPlan> {
  const [plan] = await Promise.all([
    originAssessment(sop),
    intake.isMinor ? sop.humanTask('assess-child-family') : Promise.resolve(undefined),
  ]);
  if (intake.isMinor) {
    const approval = await sop.decide<'approved' | 'refused'>('approve-child-return', 'decision');
    if (approval.value === 'refused') sop.end('child-return-not-approved');
  }
  return plan;
}

/**
 * The consulate reports `travel-document-issued`. Consular procedures are lengthy (L6520-L6521, L6607-L6609): when
 * the document is late the coordinator chases it, as ASTRA did (L6643-L6644), and the wait starts again.
 */
export async function travelDocuments(sop: SopRuntime): Promise<void> {
  const request = await sop.decide<string>('request-travel-documents', 'documentNeeded');
  if (request.value === 'none-valid-passport-held') return;
  while (!(await sop.awaitEvent('travel-document-issued', CONSULAR_CHASE_AFTER_MS))) {
    await sop.note('warning', { step: 'request-travel-documents', detail: { rule: 'consular-delay' } });
    await sop.humanTask('chase-travel-document');
  }
}

/**
 * The return agency accepts or refuses (C9: IOM refused, L7353-L7354). After a refusal the NGOs may still organise
 * and fund the return themselves (C4 L6646, C7 L7093, C9 L7355); otherwise the case ends.
 */
export async function returnAgencyDecision(sop: SopRuntime): Promise<ReturnRoute> {
  const assessment = await sop.decide<'accepted' | 'refused'>('assess-return-case', 'decision');
  if (assessment.value === 'accepted') return 'return-agency';
  const route = await sop.decide<'ngo-organised-return' | 'stop-return'>('choose-return-route', 'route');
  if (route.value === 'stop-return') sop.end('return-agency-refused');
  return 'ngo';
}

/**
 * Booking, reception, departure and arrival (phases E-F). The person leaves only once the origin NGO has arranged
 * the reception (returns without referral are the failure to avoid, L1887-L1888); the origin NGO's confirmation of a
 * safe arrival is recorded for the destination NGO (L7633-L7634).
 */
export async function travelAndArrival(
  sop: SopRuntime,
  route: ReturnRoute,
  intake: AssistedReturnIntake,
): Promise<void> {
  const bookingStep = route === 'return-agency' ? 'book-travel' : 'book-travel-ngo';
  const booking = await sop.humanTask<{ escort: string }>(bookingStep);
  if (intake.isMinor && booking.form.escort === 'none') {
    // Vulnerable persons returned without escort are a failure the seed names (L2657-L2658).
    await sop.note('warning', { step: bookingStep, detail: { rule: 'escort-for-child' } });
  }
  await sop.humanTask('arrange-reception');
  await sop.humanTask('confirm-departure');
  const arrival = await sop.humanTask<{ placedIn: string }>('confirm-safe-arrival');
  await sop.note('safe-arrival-confirmed', {
    step: 'confirm-safe-arrival',
    agencyId: sop.agencyFor('destination-ngo'),
    detail: { placedIn: arrival.form.placedIn },
  });
}
