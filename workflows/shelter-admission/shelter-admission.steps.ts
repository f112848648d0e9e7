import type { StepSpec } from '@waymark/contracts';
import {
  ADMIT_FORM,
  ANSWER_PLACE_REQUEST_FORM,
  ASSESS_RISK_FORM,
  ASSESS_STAY_FORM,
  CONFIRM_EXIT_FORM,
  INFORM_RIGHTS_FORM,
  MATCH_SHELTER_FORM,
  PLAN_EXIT_FORM,
  TRANSFER_FORM,
} from './shelter-admission.forms';

const NETWORK = { slot: 'network', roles: ['ngo-caseworker', 'ngo-coordinator'] } as const;
const SHELTER = { slot: 'shelter', roles: ['shelter-worker'] } as const;

/** The steps of shelter admission and secure relocation, in the order a placement runs. */
export const SHELTER_ADMISSION_STEPS: readonly StepSpec[] = [
  {
    id: 'assess-risk',
    title: 'Assess the risk and the needs',
    actor: NETWORK,
    form: ASSESS_RISK_FORM,
    target: 'PT24H',
    compartment: 'protection',
    seed: ['L7080-L7082', 'L1563-L1565', 'L6795-L6797'],
    description:
      'The risk level decides the kind of shelter (C7: high risk to a high-security shelter, L7080-L7082). Who ' +
      'assesses is not stated in the seed: the network coordinator is inferred. Each relocation starts here again.',
  },
  {
    id: 'match-shelter',
    title: 'Ask a shelter for a place',
    actor: { slot: 'network', roles: ['ngo-coordinator'] },
    form: MATCH_SHELTER_FORM,
    target: 'PT4H',
    compartment: 'protection',
    seed: ['L1563-L1565', 'L3897-L3899', 'L3917-L3918'],
    description:
      'The coordinator puts the shelter to ask in the shelter slot (POST /cases/:id/participants), then records ' +
      'whether the person agrees that it receives the risk assessment. A shelter that already declined this ' +
      'placement is not asked again. The four-hour target is inferred from "prompt reply for case referral".',
  },
  {
    id: 'answer-place-request',
    title: 'Answer the place request',
    actor: SHELTER,
    form: ANSWER_PLACE_REQUEST_FORM,
    target: 'PT4H',
    compartment: 'protection',
    requiresConsent: { purpose: 'sharing', withSlot: 'shelter', scope: ['needs-and-risks'] },
    seed: ['L5730', 'L7080-L7082', 'L3917-L3918'],
    description:
      'The shelter accepts or declines with a reason (no place, wrong risk tier, needs it cannot meet) and its ' +
      'capacity today ("The shelter can accommodate up to six women", L5730). A decline sends the request to the ' +
      'next shelter. The target is inferred.',
  },
  {
    id: 'transfer-person',
    title: 'Move the person to the shelter',
    actor: NETWORK,
    form: TRANSFER_FORM,
    target: 'P1D',
    compartment: 'protection',
    seed: ['L1563-L1565', 'L6623-L6624', 'L7077'],
    description: 'To a safer place far from the exploitation area; the one-day target is inferred.',
  },
  {
    id: 'admit-person',
    title: 'Admit the person: house rules, consent, where they stay',
    actor: SHELTER,
    form: ADMIT_FORM,
    target: 'P1D',
    compartment: 'protection',
    seed: ['L1645', 'L5728-L5729', 'L7108-L7110', 'L6820-L6822', 'L6627-L6628'],
    description:
      'Admission paperwork as in PVPT (admission form, regulation, statement for a voluntary stay, permission to ' +
      'share information, L7108-L7110). The location is a category in the identity compartment; the person says ' +
      'whether the network coordinator may know it. The one-day target is inferred.',
  },
  {
    id: 'assess-and-plan-stay',
    title: 'Psychological assessment and plan of the stay',
    actor: { slot: 'shelter', roles: ['ngo-professional'] },
    form: ASSESS_STAY_FORM,
    target: 'P7D',
    compartment: 'protection',
    seed: ['L5737-L5743'],
    description:
      'A psychologist meets every woman at least once and a plan follows, with the possible length of stay; a ' +
      'psychiatric referral if needed. The seven-day target is inferred.',
  },
  {
    id: 'inform-rights',
    title: 'Inform the person of their rights and the residence permit',
    actor: SHELTER,
    form: INFORM_RIGHTS_FORM,
    target: 'P7D',
    compartment: 'protection',
    seed: ['L5744-L5746', 'L1647-L1649'],
    description: 'Rights not to be deported, a six-month residence permit; the seven-day target is inferred.',
  },
  {
    id: 'plan-exit',
    title: 'Plan the exit from the shelter',
    actor: NETWORK,
    form: PLAN_EXIT_FORM,
    target: 'P30D',
    compartment: 'protection',
    seed: ['L5729', 'L1649-L1650', 'L3889-L3891', 'L7372-L7376'],
    description:
      'Return with the return agency, living on their own, or another programme. The 30-day target is inferred ' +
      '(the seed gives no length of stay).',
  },
  {
    id: 'confirm-exit',
    title: 'Confirm how the stay ended',
    actor: SHELTER,
    form: CONFIRM_EXIT_FORM,
    target: 'P30D',
    compartment: 'protection',
    seed: ['L7108-L7110', 'L7375-L7376'],
    description: 'With the final case evaluation (L7108-L7110); the 30-day target is inferred.',
  },
];
