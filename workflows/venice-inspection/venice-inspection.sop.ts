import type { SopDefinition, StepSpec } from '@waymark/contracts';
import { VENICE_INSPECTION_ACCESS } from './venice-inspection.policy';
import { VENICE_EVENTS } from './venice-inspection.events';
import * as F from './venice-inspection.forms';

/**
 * Step targets. The seed gives no durations for P6; its one timing remark is a weakness, "Short time for the first
 * case assessment per migrant" (L4474-L4476). These are conservative defaults, every one inferred, kept in one place
 * so a jurisdiction can change them with a new SOP version.
 */
export const VENICE_TARGETS = {
  planning: 'P2D',
  onSite: 'PT12H',
  teamJoins: 'PT2H',
  needsAssessment: 'P1D',
  counselling: 'P3D',
  identification: 'P7D',
  referral: 'P2D',
  childAssessment: 'PT4H',
  shelterPlacement: 'PT12H',
  familyAssessment: 'P7D',
} as const;

const TARGET_NOTE = 'Target inferred: the seed gives none (L4474-L4476).';

/** Roles per phase. The separation rule (L1618-L1621) is checked over these in venice-inspection.sop.spec.ts. */
const INSPECTION = 'inspection';
const PROTECTION = 'protection';
const PLANNING = 'planning';

const steps: StepSpec[] = [
  {
    id: 'joint-planning-unit',
    compartment: 'intake',
    title: 'Confirm the joint inspection plan (Crisis and Assessment Unit)',
    actor: { slot: 'unit', roles: ['coordinator'] },
    form: F.PLAN_UNIT_FORM,
    target: VENICE_TARGETS.planning,
    phase: PLANNING,
    seed: ['L4403-L4406', 'L1610-L1612', 'L4420', 'inferred'],
    description:
      'The team "meets and jointly plans the workplace inspection"; the Unit fixes the date and who is on call. ' +
      'A confirmation from each agency, the revise round and the call-off are inferred. ' +
      TARGET_NOTE,
  },
  {
    id: 'joint-planning-inspectorate',
    compartment: 'intake',
    title: 'Confirm the joint inspection plan (Labour Inspectorate)',
    actor: { slot: 'inspectorate', roles: ['labour-inspector'] },
    form: F.PLAN_INSPECTORATE_FORM,
    target: VENICE_TARGETS.planning,
    phase: PLANNING,
    seed: ['L4405-L4406', 'L4419-L4421', 'inferred'],
    description:
      'The Inspectorate commits inspectors under its partnership declaration with the Municipality. ' + TARGET_NOTE,
  },
  {
    id: 'joint-planning-police',
    compartment: 'intake',
    title: 'Confirm the joint inspection plan (law enforcement)',
    actor: { slot: 'police', roles: ['police-officer'] },
    form: F.PLAN_POLICE_FORM,
    target: VENICE_TARGETS.planning,
    phase: PLANNING,
    seed: ['L4402-L4406', 'L4423-L4427', 'inferred'],
    description: 'Carabinieri or Police commit officers under their partnership declaration. ' + TARGET_NOTE,
  },
  {
    id: 'compliance-check-labour',
    compartment: 'inspection',
    title: 'Check health and safety and labour compliance',
    actor: { slot: 'inspectorate', roles: ['labour-inspector'] },
    form: F.LABOUR_CHECK_FORM,
    target: VENICE_TARGETS.onSite,
    phase: INSPECTION,
    seed: ['L4406-L4408', 'L1612-L1614', 'L4437'],
    description:
      'Opens on the planned date. Inspectors and officers check the premises together; the split of the record ' +
      '(Inspectorate: safety, contracts; police: identity, legal status) is inferred. ' +
      TARGET_NOTE,
  },
  {
    id: 'compliance-check-police',
    compartment: 'inspection',
    title: "Check the workers' legal position and the premises (law enforcement)",
    actor: { slot: 'police', roles: ['police-officer'] },
    form: F.POLICE_CHECK_FORM,
    target: VENICE_TARGETS.onSite,
    phase: INSPECTION,
    seed: ['L4406-L4408', 'L1612-L1614', 'inferred'],
    description: "Runs in parallel with the labour check; covers the worker's position (legal status). " + TARGET_NOTE,
  },
  {
    id: 'worker-interviews',
    compartment: 'inspection',
    title: 'Interview all migrant workers with the cultural mediator',
    actor: { slot: 'inspectorate', roles: ['labour-inspector'] },
    form: F.INTERVIEWS_FORM,
    target: VENICE_TARGETS.onSite,
    phase: INSPECTION,
    seed: ['L4408-L4410', 'L4413-L4414', 'L4436', 'L4438', 'L4470-L4472'],
    description:
      'Records how many were interviewed, codes for the workers found vulnerable and for any children. Who decides ' +
      'vulnerability is not stated; the inspectors who lead the interviews record it (inferred). A record whose codes ' +
      'are not W1.../C1... codes is sent back. ' +
      TARGET_NOTE,
  },
  {
    id: 'information-non-vulnerable',
    compartment: 'inspection',
    title: 'Inform the workers not found vulnerable',
    actor: { slot: 'unit', roles: ['cultural-mediator'] },
    form: F.INFORMATION_FORM,
    target: VENICE_TARGETS.onSite,
    phase: INSPECTION,
    seed: ['L4413', 'L4439', 'L4465-L4466', 'inferred'],
    description:
      'Who informs them is not stated; the mediator who supports the inspection (L4396) does it with the leaflets, ' +
      'so no social worker takes part in the inspection phase (inferred). ' +
      TARGET_NOTE,
  },
  {
    id: 'municipal-team-joins',
    compartment: 'protection',
    title: 'Send the municipal team to join the unit',
    actor: { slot: 'unit', roles: ['coordinator'] },
    form: F.TEAM_JOINS_FORM,
    target: VENICE_TARGETS.teamJoins,
    phase: PROTECTION,
    seed: ['L4409-L4410', 'L1614-L1615', 'L4413-L4415'],
    description:
      'The hand-off from inspection to protection, when vulnerable workers or children are found. ' + TARGET_NOTE,
  },
  {
    id: 'preliminary-needs-assessment',
    compartment: 'protection',
    title: 'Preliminary case assessment: identify the needs',
    actor: { slot: 'unit', roles: ['social-worker'] },
    form: F.NEEDS_ASSESSMENT_FORM,
    target: VENICE_TARGETS.needsAssessment,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4410-L4411', 'L1615-L1616', 'L4428', 'L4474-L4476'],
    description: 'Per vulnerable worker. ' + TARGET_NOTE,
  },
  {
    id: 'information-and-counselling',
    compartment: 'protection',
    title: 'Information and counselling',
    actor: { slot: 'unit', roles: ['social-worker'] },
    form: F.COUNSELLING_FORM,
    target: VENICE_TARGETS.counselling,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4411', 'L1616-L1617', 'L4465-L4466'],
    description: 'Per vulnerable worker. ' + TARGET_NOTE,
  },
  {
    id: 'identification-decision',
    compartment: 'protection',
    title: 'Decide whether the worker is identified as a victim of trafficking',
    actor: { slot: 'unit', roles: ['social-worker'] },
    form: F.IDENTIFICATION_FORM,
    target: VENICE_TARGETS.identification,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4411-L4412', 'L1129-L1130', 'inferred'],
    description:
      'Who identifies is not stated (municipal team inferred). Consent to the referral is asked here (L1129-L1130) ' +
      'so nothing reaches the social protection staff without it. ' +
      TARGET_NOTE,
  },
  {
    id: 'referral-to-social-protection',
    compartment: 'protection',
    title: 'Take the referred person in charge (social protection programme)',
    actor: { slot: 'social-protection', roles: ['protection-officer'] },
    form: F.REFERRAL_FORM,
    target: VENICE_TARGETS.referral,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4412', 'L1617-L1618', 'L4464-L4466'],
    description:
      'The municipal social protection staff confirm the person is in the local or national programme. ' + TARGET_NOTE,
  },
  {
    id: 'child-assessment',
    compartment: 'protection',
    title: "Assess the child's situation and whether the family is present",
    actor: { slot: 'unit', roles: ['social-worker'] },
    form: F.CHILD_ASSESSMENT_FORM,
    target: VENICE_TARGETS.childAssessment,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4413-L4415', 'L4387-L4388', 'L4399'],
    description: 'Per child found. ' + TARGET_NOTE,
  },
  {
    id: 'family-conditions-assessment',
    compartment: 'protection',
    title: 'Assess the family conditions (territorial social services)',
    actor: { slot: 'social-services', roles: ['social-worker'] },
    form: F.FAMILY_ASSESSMENT_FORM,
    target: VENICE_TARGETS.familyAssessment,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4413-L4415', 'inferred'],
    description:
      'The seed stops at "a specific assessment also on the family conditions, involving the territorial social ' +
      'services"; the measures offered are inferred. ' +
      TARGET_NOTE,
  },
  {
    id: 'child-shelter-placement',
    compartment: 'protection',
    title: 'Admit the child to a safe shelter for children',
    actor: { slot: 'child-shelter', roles: ['shelter-worker'] },
    form: F.SHELTER_FORM,
    target: VENICE_TARGETS.shelterPlacement,
    phase: PROTECTION,
    perPerson: true,
    seed: ['L4415-L4416'],
    description: 'When no family is present. "accompanied" in the seed is read as "unaccompanied". ' + TARGET_NOTE,
  },
];

export const VENICE_INSPECTION_SOP: SopDefinition = {
  id: 'venice-inspection',
  version: 1,
  title: 'Venice crisis-and-assessment inspection',
  summary:
    'A signal about hidden exploitation leads to a jointly planned workplace inspection by labour inspectors and ' +
    'law enforcement with a cultural mediator; workers found vulnerable and children found are then assessed, ' +
    'counselled and referred by the municipal team, kept apart from the inspection.',
  seed: ['L1603-L1622', 'L4345-L4502'],
  workflowType: 'veniceInspectionWorkflow',
  // Who reads and writes which compartment of this SOP's cases: venice-inspection.policy.ts.
  access: VENICE_INSPECTION_ACCESS,
  // The Crisis and Assessment Unit receives the signal and coordinates the whole intervention (L1610-L1612).
  lead: { slot: 'unit', coordinatorRoles: ['coordinator'] },
  participants: {
    unit: {
      kind: 'municipality',
      label: 'Crisis and Assessment Unit (Municipality of Venice)',
      defaultAgency: 'venice-cau',
    },
    inspectorate: {
      kind: 'labour-inspectorate',
      label: 'Labour Inspectorate',
      defaultAgency: 'venice-labour-inspectorate',
    },
    police: { kind: 'police', label: 'Law enforcement (Carabinieri or Police)', defaultAgency: 'venice-police' },
    'social-protection': {
      kind: 'municipality',
      label: 'Municipal social protection staff',
      defaultAgency: 'venice-social-protection',
      // They receive referrals of persons identified as victims who agreed (L4412, L1617-L1618); no measure without
      // consent (L1129-L1130): a worker who declined stays unknown to them.
      personDataOnConsent: { seed: ['L4412', 'L1617-L1618', 'L1129-L1130'] },
    },
    'social-services': {
      kind: 'municipality',
      label: 'Territorial social services',
      defaultAgency: 'venice-territorial-social-services',
      // The services of the municipality where the person ends up living (inferred).
      changeable: { seed: ['inferred'] },
    },
    'child-shelter': { kind: 'shelter', label: 'Safe shelter for children', defaultAgency: 'venice-child-shelter' },
  },
  intake: F.INTAKE_FORM,
  intakeCompartment: 'intake',
  steps,
  events: VENICE_EVENTS,
  rules: [
    {
      id: 'inspection-protection-separation',
      text:
        'The inspection and the protection/assistance parts are kept separate: no role that acts in an ' +
        'inspection-phase step acts in a protection-phase step, and the reverse. Social workers join only after ' +
        'the inspection has found vulnerable workers or children.',
      seed: ['L1618-L1621', 'L4409-L4410'],
      separatesPhases: ['inspection', 'protection'],
    },
    {
      id: 'codes-not-names',
      text: 'Workers and children are referred to by codes given at the interviews (W1..., C1...), never by name.',
      seed: ['inferred'],
    },
    {
      id: 'referral-needs-consent',
      text: 'A person is referred to social protection only with their consent.',
      seed: ['L1129-L1130'],
    },
  ],
  transitions: [
    { from: 'start', to: 'joint-planning-unit', when: 'signal received' },
    { from: 'start', to: 'joint-planning-inspectorate', when: 'signal received' },
    { from: 'start', to: 'joint-planning-police', when: 'signal received' },
    { from: 'joint-planning-unit', to: 'inspection-called-off', when: 'Unit calls the inspection off' },
    { from: 'joint-planning-unit', to: 'joint-planning-unit', when: 'any agency asks to revise: new round for all' },
    { from: 'joint-planning-unit', to: 'compliance-check-labour', when: 'all three confirmed, on the planned date' },
    { from: 'joint-planning-inspectorate', to: 'compliance-check-labour', when: 'all three confirmed' },
    { from: 'joint-planning-police', to: 'compliance-check-police', when: 'all three confirmed' },
    { from: 'compliance-check-labour', to: 'worker-interviews', when: 'both checks recorded' },
    { from: 'compliance-check-police', to: 'worker-interviews', when: 'both checks recorded' },
    { from: 'worker-interviews', to: 'worker-interviews', when: 'codes invalid: record sent back' },
    { from: 'worker-interviews', to: 'information-non-vulnerable', when: 'some workers not vulnerable' },
    { from: 'worker-interviews', to: 'municipal-team-joins', when: 'vulnerable workers or children found' },
    { from: 'worker-interviews', to: 'closed-no-vulnerable-workers', when: 'nobody vulnerable, no children' },
    { from: 'information-non-vulnerable', to: 'closed-no-vulnerable-workers', when: 'no vulnerable workers' },
    { from: 'municipal-team-joins', to: 'preliminary-needs-assessment', when: 'per vulnerable worker' },
    { from: 'municipal-team-joins', to: 'child-assessment', when: 'per child' },
    { from: 'preliminary-needs-assessment', to: 'information-and-counselling' },
    { from: 'information-and-counselling', to: 'identification-decision' },
    { from: 'identification-decision', to: 'referral-to-social-protection', when: 'identified, consents' },
    { from: 'identification-decision', to: 'closed-referral-declined', when: 'identified, declines' },
    { from: 'identification-decision', to: 'closed-counselled-not-identified', when: 'not identified' },
    { from: 'referral-to-social-protection', to: 'closed-referred-to-social-protection' },
    { from: 'child-assessment', to: 'family-conditions-assessment', when: 'family present' },
    { from: 'child-assessment', to: 'child-shelter-placement', when: 'family absent' },
    { from: 'family-conditions-assessment', to: 'child-family-assessed' },
    { from: 'child-shelter-placement', to: 'child-placed-in-shelter' },
    { from: 'municipal-team-joins', to: 'closed-contact-lost', when: 'every worker ran away or lost contact' },
  ],
  endStates: [
    {
      id: 'closed-referred-to-social-protection',
      description: 'A worker was referred to social protection (per worker; the case ends here if any worker was).',
      seed: ['L4412', 'L4464'],
      personOutcome: 'referred-elsewhere',
    },
    {
      id: 'closed-referral-declined',
      description:
        'A worker was identified but declined the referral (per worker; case if none was referred). Inferred.',
      seed: ['L1129-L1130', 'inferred'],
      personOutcome: 'declined-assistance',
    },
    {
      id: 'closed-counselled-not-identified',
      description: 'A worker was counselled and not identified (per worker; case if no worker was identified).',
      seed: ['L4411-L4413', 'inferred'],
      personOutcome: 'not-identified',
    },
    {
      id: 'closed-no-vulnerable-workers',
      description: 'No vulnerable worker was found; the workers were informed (case). Children found end on their own.',
      seed: ['L4413', 'L4465-L4466'],
    },
    {
      id: 'child-placed-in-shelter',
      description: 'A child without family was placed in a safe shelter (per child).',
      seed: ['L4415-L4416'],
      personOutcome: 'assisted',
    },
    {
      id: 'child-family-assessed',
      description: "A child's family conditions were assessed (per child).",
      seed: ['L4413-L4415'],
      personOutcome: 'assisted',
    },
    {
      id: 'inspection-called-off',
      description: 'The Unit called the inspection off at planning (case). Inferred.',
      seed: ['inferred'],
    },
    {
      id: 'person-absconded',
      description: 'A worker or child ran away before their support ended (per person).',
      seed: ['L7204-L7205', 'L7219'],
      personOutcome: 'absconded',
    },
    {
      id: 'person-lost-contact',
      description: 'The team lost contact with a worker or child (per person). Inferred.',
      seed: ['inferred'],
      personOutcome: 'lost-contact',
    },
    {
      id: 'closed-contact-lost',
      description: 'Every vulnerable worker ran away or lost contact before an outcome (case). Inferred.',
      seed: ['inferred'],
    },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
