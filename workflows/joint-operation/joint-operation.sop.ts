import type { SopDefinition } from '@waymark/contracts';
import { JOINT_OPERATION_ACCESS, NGO_ROLES, POLICE_ROLES } from './joint-operation.policy';
import {
  ACCEPT_REQUEST_FORM,
  ARRANGE_ASSISTANCE_FORM,
  ASSISTANCE_DECISION_FORM,
  CHECK_AND_ADJUST_FORM,
  COURT_DATE_SET_FORM,
  COURT_ESCORT_FORM,
  DEPLOY_FORM,
  INTAKE_FORM,
  PERSON_FOLLOW_UP_FORM,
  PLAN_LOGISTICS_FORM,
  PLAN_OPERATION_FORM,
  QUARTERLY_REVIEW_FORM,
  REFER_FOR_RETURN_FORM,
  RIGHTS_INFORMATION_FORM,
  RISK_ASSESSMENT_FORM,
} from './joint-operation.forms';

export { NGO_ROLES, POLICE_ROLES };

/** Steps in the psychosocial field: the seed gives them to NGO professionals, never to the police (L2228-L2234). */
export const PSYCHOSOCIAL_STEPS = ['rights-information', 'assistance-decision', 'arrange-assistance'] as const;

/** Quarterly coordination meetings (L5581): a 90-day cadence is our reading of "quarterly". */
export const REVIEW_CADENCE = 'P90D';
/** How long a person's follow-up waits for a court date before the NGO reviews it (inferred, as the cadence). */
export const FOLLOW_UP_CADENCE = 'P90D';

/**
 * Seed P15 "Coordination of the NGO SicarCat with the Regional Police Mossos d'Esquadra" (L2220-L2234,
 * L5536-L5613): the police ask the NGO to act together in detection and identification; police and NGO plan the
 * operation and its logistics; the police deploy; NGO professionals inform each person identified of their
 * rights; the person decides on assistance; risk assessment reports and court escorts follow; quarterly meetings
 * check and adjust (plan, deploy, check and adjust: L5585, L2291-L2293).
 */
export const JOINT_OPERATION_SOP: SopDefinition = {
  id: 'joint-operation',
  version: 1,
  title: 'Police–NGO joint operation',
  summary:
    'The police request a joint operation; police and NGO plan it with a logistics checklist; the police deploy; ' +
    'for each person identified NGO professionals give rights information at once, the person decides on ' +
    'assistance (never conditional on cooperating with the police), assistance is arranged, a risk assessment ' +
    'report is filed and the person is escorted to court when proceedings occur; quarterly reviews close the operation.',
  seed: ['L2220-L2234', 'L2291-L2293', 'L2312-L2314', 'L5536-L5613'],
  workflowType: 'jointOperationWorkflow',
  // Who reads and writes which compartment of this SOP's cases: joint-operation.policy.ts.
  access: JOINT_OPERATION_ACCESS,
  // The police request the joint operation and plan its deployment (L5572-L5578).
  lead: { slot: 'police', coordinatorRoles: ['police-coordinator'] },
  participants: {
    police: { kind: 'police', label: 'Police anti-trafficking unit', defaultAgency: 'mossos-thb-unit' },
    // After the operation the police may refer the person to another NGO (C2: L6384-L6392).
    ngo: { kind: 'ngo', label: 'Specialised NGO', defaultAgency: 'sicar-cat', changeable: { seed: ['L6384-L6392'] } },
  },
  intake: INTAKE_FORM,
  intakeCompartment: 'intake',
  // Overdue steps are chased within the agency that holds them, daily: the police lead does not learn of the NGO's
  // psychosocial steps nor the reverse (role split, L2230-L2234, L5590-L5592).
  escalation: { every: 'P1D', chain: ['slot-supervisors'] },
  steps: [
    {
      id: 'accept-request',
      compartment: 'intake',
      title: 'NGO answers the request for a joint operation',
      actor: { slot: 'ngo', roles: ['ngo-coordinator'] },
      form: ACCEPT_REQUEST_FORM,
      target: 'P1D',
      seed: ['L5572-L5573', 'L7651', 'inferred'],
      description:
        'The police ask the NGO "to coordinate the first action together" (L5572-L5573). The answer, its 1-day ' +
        'target and the decline branch are inferred; the single contact point comes from C11 (L7651).',
      phase: 'planning',
    },
    {
      id: 'plan-operation',
      compartment: 'intake',
      title: 'Police plan the deployment',
      actor: { slot: 'police', roles: ['police-coordinator'] },
      form: PLAN_OPERATION_FORM,
      target: 'P3D',
      seed: ['L5577-L5578', 'L5583', 'L2312-L2314', 'inferred'],
      description: 'Joint planning, police side: "Preparation of a joint police operation" (L5577). Target inferred.',
      phase: 'planning',
    },
    {
      id: 'plan-logistics',
      compartment: 'intake',
      title: 'NGO plans the assistance logistics',
      actor: { slot: 'ngo', roles: ['ngo-coordinator'] },
      form: PLAN_LOGISTICS_FORM,
      target: 'P3D',
      seed: ['L5577-L5578', 'L5584', 'L2312-L2314', 'L2222-L2223', 'inferred'],
      description:
        'Joint planning, NGO side: "accommodation, organisation, translators" (L5578), "referrals" (L2313) and ' +
        'partners (L5584). Runs in parallel with plan-operation; the split and the target are inferred.',
      phase: 'planning',
    },
    {
      id: 'deploy-operation',
      compartment: 'inspection',
      title: 'Police deploy and record the persons identified',
      actor: { slot: 'police', roles: POLICE_ROLES },
      form: DEPLOY_FORM,
      target: 'P7D',
      seed: ['L5575', 'L5579-L5580', 'L2228-L2229', 'inferred'],
      description: 'The police contact presumed victims and ensure their protection (L5575). Target inferred.',
      phase: 'deployment',
    },
    {
      id: 'check-and-adjust',
      compartment: 'inspection',
      title: 'Check and adjust after an operation that identified no one',
      actor: { slot: 'police', roles: ['police-coordinator'] },
      form: CHECK_AND_ADJUST_FORM,
      target: 'P14D',
      seed: ['L5585', 'L2291-L2293', 'inferred'],
      description: 'Plan, deploy, check and adjust (L5585). Taking this branch when no one is identified is inferred.',
      phase: 'review',
    },
    {
      id: 'rights-information',
      compartment: 'protection',
      title: 'NGO informs the person of their rights',
      actor: { slot: 'ngo', roles: ['ngo-professional'] },
      form: RIGHTS_INFORMATION_FORM,
      target: 'PT2H',
      seed: ['L5579-L5580', 'L2228-L2230', 'inferred'],
      description:
        'Full information about rights, protection and future options by NGO professionals "as soon as" the ' +
        'person is identified (L5579-L5580). The seed gives no duration: the 2-hour target is inferred.',
      phase: 'psychosocial',
      perPerson: true,
    },
    {
      id: 'assistance-decision',
      compartment: 'protection',
      title: "Record the person's decision on assistance",
      actor: { slot: 'ngo', roles: ['ngo-professional'] },
      form: ASSISTANCE_DECISION_FORM,
      pausesAgencyClock: true,
      seed: ['L1129-L1130', 'L3575-L3576', 'L3751-L3752', 'inferred'],
      description:
        'Not in P15 (inferred from the principles): assistance only with consent (L1129-L1130) and whatever the ' +
        'person says about cooperating with the police (L3575-L3576). No target: the clock waits on the person.',
      phase: 'psychosocial',
      perPerson: true,
    },
    {
      id: 'arrange-assistance',
      compartment: 'protection',
      title: 'NGO arranges assistance',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: ARRANGE_ASSISTANCE_FORM,
      target: 'P1D',
      seed: ['L2222-L2223', 'L5576', 'inferred'],
      description:
        '"Prompt and appropriate assistance … referral, accommodation, organisation, translation" (L2222). Target inferred.',
      phase: 'psychosocial',
      perPerson: true,
    },
    {
      id: 'refer-for-return',
      compartment: 'protection',
      title: 'NGO refers the person to an assisted return',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: REFER_FOR_RETURN_FORM,
      target: 'P3D',
      seed: ['L5579-L5580', 'L7461', 'L7623-L7627', 'L7398-L7400', 'inferred'],
      description:
        'Opened when the person, informed of their future options (L5579-L5580), chose to return. "Upon her ' +
        'consent" the NGO organises the return (L7623-L7627), as KOOFRA did for a person met through the police ' +
        '(L7461); only what the return needs is passed on (L7398-L7400). Starts the assisted-return case; target ' +
        'inferred.',
      phase: 'psychosocial',
      perPerson: true,
      startsCase: {
        sop: 'assisted-return',
        when: 'referral = refer',
        carry: {
          isMinor: 'refer-for-return.isMinor',
          returnCountry: 'refer-for-return.returnCountry',
          plannedReturnDate: 'refer-for-return.plannedReturnDate',
        },
        // The operation's NGO manages the return case (L6241-L6245); the other slots take their defaults.
        participants: { 'destination-ngo': 'ngo' },
        // Consent to exchange data with the team organising the return (L6242-L6243, L7623-L7627).
        consent: { purpose: 'return', scope: ['identity', 'travel'] },
        seed: ['L6242-L6243', 'L7623-L7627', 'L7398-L7400'],
      },
    },
    {
      id: 'risk-assessment',
      compartment: 'protection',
      title: 'Individual risk assessment report',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: RISK_ASSESSMENT_FORM,
      target: 'P7D',
      seed: ['L2223-L2224', 'L5586', 'L6266-L6267', 'inferred'],
      description:
        'Drafted "through this cooperation" (L2223-L2224). Who files it is not stated: the NGO files it with the ' +
        "police's input as a field (inferred). Items from C1's form (L6266-L6267). Target inferred.",
      phase: 'protection',
      perPerson: true,
    },
    {
      id: 'court-escort',
      compartment: 'protection',
      title: 'Escort the person to the court hearing',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: COURT_ESCORT_FORM,
      seed: ['L5582', 'L2224', 'L7674-L7679'],
      description:
        'Opened when a court-date-set event names the person; "Coordination and accompaniment of victims to ' +
        'court proceedings" (L5582). Due by the hearing date, which the runtime cannot set yet.',
      phase: 'court',
      perPerson: true,
    },
    {
      id: 'person-follow-up',
      compartment: 'protection',
      title: "Review the person's follow-up",
      actor: { slot: 'ngo', roles: ['ngo-coordinator'] },
      form: PERSON_FOLLOW_UP_FORM,
      target: 'P7D',
      seed: ['L5569', 'inferred'],
      description:
        'Opened every 90 days without a court date so that no branch waits forever; the NGO closes the follow-up ' +
        'or keeps it open. Cadence, target and the step itself are inferred ("case monitoring", L5569).',
      phase: 'follow-up',
      perPerson: true,
      recurs: FOLLOW_UP_CADENCE,
    },
    {
      id: 'quarterly-review',
      compartment: 'inspection',
      title: 'Quarterly coordination meeting',
      actor: { slot: 'police', roles: ['police-coordinator'] },
      form: QUARTERLY_REVIEW_FORM,
      target: 'P7D',
      seed: ['L5581', 'L5585', 'L5587', 'L5596-L5597', 'inferred'],
      description:
        '"Regular quarterly coordination meetings" (L5581), recorded by the police coordinator (inferred). Every ' +
        '90 days (inferred from "quarterly") while the operation is open; a close takes effect once every person ' +
        'branch has ended.',
      phase: 'review',
      recurs: REVIEW_CADENCE,
    },
  ],
  events: [
    {
      type: 'court-date-set',
      compartment: 'inspection',
      title: 'A court date is set for a person',
      reporters: [
        { slot: 'police', roles: POLICE_ROLES },
        { slot: 'ngo', roles: NGO_ROLES },
      ],
      form: COURT_DATE_SET_FORM,
      seed: ['L5582', 'L7636-L7637', 'L3010'],
      description: "Opens a court-escort task in the named person's branch; report it early (L3010, L7674).",
    },
  ],
  rules: [
    {
      id: 'psychosocial-steps-ngo-only',
      text:
        'Rights information, the assistance decision and arranging assistance are psychosocial steps: only NGO ' +
        'roles of the NGO participant perform them, never a police role.',
      seed: ['L2228-L2234', 'L5590'],
    },
    {
      id: 'assistance-not-conditional-on-cooperation',
      text:
        'A person who accepts assistance gets it whatever they answer about cooperating with the police; the ' +
        'cooperation answer is recorded but no transition depends on it.',
      seed: ['L3575-L3576', 'L3669-L3670', 'L3751-L3752'],
    },
    {
      id: 'persons-by-code',
      text: 'Persons are P1…Pn codes generated by the workflow; no form holds a name.',
      seed: ['L2986-L2987', 'L7667'],
    },
  ],
  transitions: [
    { from: 'start', to: 'accept-request' },
    { from: 'accept-request', to: 'request-declined', when: 'decision = declined' },
    { from: 'accept-request', to: 'plan-operation', when: 'decision = accepted' },
    { from: 'accept-request', to: 'plan-logistics', when: 'decision = accepted (in parallel)' },
    { from: 'plan-operation', to: 'deploy-operation', when: 'both plans done' },
    { from: 'plan-logistics', to: 'deploy-operation', when: 'both plans done' },
    { from: 'deploy-operation', to: 'check-and-adjust', when: 'personsIdentified = 0' },
    { from: 'check-and-adjust', to: 'plan-operation', when: 'decision = redeploy' },
    { from: 'check-and-adjust', to: 'plan-logistics', when: 'decision = redeploy' },
    { from: 'check-and-adjust', to: 'no-person-identified', when: 'decision = close' },
    { from: 'deploy-operation', to: 'rights-information', when: 'per person identified' },
    { from: 'deploy-operation', to: 'quarterly-review', when: 'every 90 days' },
    { from: 'rights-information', to: 'assistance-decision' },
    { from: 'assistance-decision', to: 'assistance-declined', when: 'assistance = declines' },
    { from: 'assistance-decision', to: 'arrange-assistance', when: 'assistance = accepts, any cooperation answer' },
    { from: 'arrange-assistance', to: 'risk-assessment' },
    { from: 'arrange-assistance', to: 'refer-for-return', when: 'futureOption = assisted-return' },
    { from: 'refer-for-return', to: 'risk-assessment', when: 'referral = refer: an assisted-return case starts' },
    { from: 'risk-assessment', to: 'court-escort', when: 'court-date-set' },
    { from: 'risk-assessment', to: 'person-follow-up', when: '90 days without a court date' },
    { from: 'court-escort', to: 'court-escort', when: 'another court-date-set' },
    { from: 'court-escort', to: 'person-follow-up', when: '90 days without a court date' },
    { from: 'person-follow-up', to: 'court-escort', when: 'court-date-set' },
    { from: 'person-follow-up', to: 'person-follow-up', when: 'decision = continue, 90 days' },
    { from: 'person-follow-up', to: 'assisted-and-placed', when: 'close-follow-up, never escorted' },
    { from: 'person-follow-up', to: 'court-escort-completed', when: 'close-follow-up after an escort' },
    { from: 'quarterly-review', to: 'quarterly-review', when: 'decision = continue, 90 days' },
    { from: 'quarterly-review', to: 'operation-closed', when: 'close-operation, once every person branch ended' },
  ],
  endStates: [
    { id: 'request-declined', description: 'The NGO declined to join the operation (inferred).', seed: ['inferred'] },
    {
      id: 'no-person-identified',
      description: 'The operation identified no one and the check-and-adjust closed it (inferred).',
      seed: ['L5585', 'inferred'],
    },
    {
      id: 'operation-closed',
      description: 'A quarterly review closed the operation; it closes once every person branch has ended.',
      seed: ['L5581', 'inferred'],
    },
    {
      id: 'assistance-declined',
      description: "Person branch: informed of their rights, the person declined assistance (the branch's end).",
      seed: ['L1129-L1130', 'inferred'],
      personOutcome: 'declined-assistance',
    },
    {
      id: 'assisted-and-placed',
      description: 'Person branch: assisted, risk-assessed, follow-up closed without court proceedings.',
      seed: ['L2222-L2224'],
      personOutcome: 'assisted',
    },
    {
      id: 'court-escort-completed',
      description: 'Person branch: assisted and escorted to court at least once, follow-up closed.',
      seed: ['L5582', 'L2224'],
      personOutcome: 'assisted',
    },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
