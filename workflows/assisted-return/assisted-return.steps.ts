import type { StepSpec } from '@waymark/contracts';
import { DEPARTURE_AND_MONITORING_STEPS } from './assisted-return.steps-departure';
import { DECISION_AND_REFERRAL_STEPS } from './assisted-return.steps-referral';

/**
 * The steps of the assisted voluntary return, phases A–H of the catalogue (§1.3): C1 + P12 (ADPARE) as the backbone,
 * C11 (Mitternachtsmission Heilbronn, child) for the child branch and destination logistics, C3 (Ac.Sé) for documents
 * and the return agency. Forms hold codes, decisions and counts, never names: the person is `P1` within the case, and
 * partners use a code or initials (seed L2986-L2987, L7666-L7667).
 */
export const ASSISTED_RETURN_STEPS: readonly StepSpec[] = [
  ...DECISION_AND_REFERRAL_STEPS,
  ...DEPARTURE_AND_MONITORING_STEPS,
];
