import type { SopDefinition } from '@waymark/contracts';
import {
  ADVOCATE_ROLES,
  COURT_TESTIMONY_ACCESS,
  NGO_ROLES,
  POLICE_ROLES,
  PROSECUTOR_ROLES,
} from './court-testimony.policy';
import {
  APPOINT_ADVOCATE_FORM,
  BOOK_TRAVEL_FORM,
  CONFIRM_HEARING_FORM,
  FOLLOW_UP_FORM,
  HEARING_ESCORT_FORM,
  HEARING_POSTPONED_FORM,
  INFORM_WITNESS_FORM,
  INTAKE_FORM,
  LAWYER_MEETING_FORM,
  PRE_TRIAL_SUPPORT_FORM,
  RISK_ASSESSMENT_FORM,
  TESTIMONY_DECISION_FORM,
  WITNESS_WITHDRAWS_FORM,
} from './court-testimony.forms';

/** The steps that must be done before the hearing (the `hearing-date` deadline). */
const PREPARATION = ['book-travel', 'lawyer-meeting', 'pre-trial-support'];

/**
 * Court testimony and witness support (catalogue T12: P15, P12, C1, C11; P19, PHDS). C11 gives the sequence: the
 * police tell the counselling NGO of a hearing, the NGO in the witness's country informs her, she consents to act as a
 * witness, a lawyer is authorised, the court is asked about travel, the NGOs book it, an interpreter, and the NGO
 * accompanies her to the hearing (L7635-L7642). Its failures shape the deadlines and the protection: short notice
 * (L7608-L7609, L7674, L7679), no police protection at the hearing (L7677), an advocate appointed late (L7676).
 */
export const COURT_TESTIMONY_SOP: SopDefinition = {
  id: 'court-testimony',
  version: 1,
  title: 'Court testimony and witness support',
  summary:
    'The prosecutor asks for a witness’s testimony; the support NGO informs the witness, who decides whether to ' +
    'testify (a no ends only the witness path, never the assistance); the witness’s own lawyer is appointed and the ' +
    'police assess the risk and set protection measures; the prosecutor confirms the hearing date, from which the ' +
    'preparation deadlines follow; counselling, the lawyer meeting and, for a court in another country, travel and ' +
    'accommodation are prepared; the NGO escorts the witness to the hearing and follows up.',
  seed: ['L5582', 'L1949', 'L5166-L5174', 'L6234', 'L7596-L7598', 'L7635-L7642', 'L7672-L7679', 'L7743'],
  workflowType: 'courtTestimonyWorkflow',
  // Who reads and writes which compartment of this SOP's cases: court-testimony.policy.ts.
  access: COURT_TESTIMONY_ACCESS,
  // The counselling NGO coordinates the witness support (MH in C11, L7636-L7642; P15 "coordination and
  // accompaniment", L5582): it changes participants (the lawyer joining late) and cancels.
  lead: { slot: 'ngo', coordinatorRoles: ['ngo-coordinator'] },
  participants: {
    ngo: { kind: 'ngo', label: 'Specialised counselling NGO (witness support)', defaultAgency: 'mh-heilbronn' },
    prosecutor: { kind: 'court', label: 'Public prosecutor’s office', defaultAgency: 'prosecutor-office-heilbronn' },
    police: {
      kind: 'police',
      label: 'Police victim and witness protection',
      defaultAgency: 'police-witness-protection',
    },
    'origin-ngo': {
      kind: 'ngo',
      label: 'NGO in the witness’s country',
      defaultAgency: 'adpare',
      onlyWhen: { field: 'courtInAnotherCountry', equals: true },
      changeable: { seed: ['L6234', 'L7637'] },
    },
    // The witness's own lawyer or victim advocate, often found only once the case runs (L7603, L7676).
    advocate: {
      kind: 'ngo',
      label: 'The witness’s lawyer or victim advocate',
      defaultAgency: 'victim-advocate-service',
      changeable: { seed: ['L7603', 'L7637-L7638', 'L7676'] },
    },
  },
  intake: INTAKE_FORM,
  intakeCompartment: 'intake',
  // Overdue steps are chased within the agency holding them, then with the lead NGO's coordinators (inferred).
  escalation: { every: 'P1D', chain: ['slot-supervisors', 'lead-coordinators'] },
  steps: [
    {
      id: 'inform-witness',
      compartment: 'protection',
      title: 'Inform the witness of the request and the hearing',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: INFORM_WITNESS_FORM,
      target: 'P2D',
      seed: ['L7636-L7637', 'L5173', 'L1690-L1692'],
      description:
        'The NGO "swiftly informed the victim and her parents about the court hearing" through the NGO in her ' +
        'country (L7637); information about the trial proceedings (L5173). The 2-day target is inferred.',
      phase: 'preparation',
    },
    {
      id: 'testimony-decision',
      compartment: 'protection',
      title: 'Record the witness’s decision to testify',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: TESTIMONY_DECISION_FORM,
      pausesAgencyClock: true,
      seed: ['L7637-L7638', 'L6515', 'L3575-L3576'],
      description:
        '"Upon the victim’s consent to act as a witness" (L7637-L7638). A witness may decide not to testify and is ' +
        'assisted all the same (C3, L6515; L3575-L3576). No target: the clock waits on the witness.',
      phase: 'preparation',
    },
    {
      id: 'appoint-advocate',
      compartment: 'protection',
      title: 'Authorise the witness’s own lawyer or victim advocate',
      actor: { slot: 'ngo', roles: ['ngo-coordinator'] },
      form: APPOINT_ADVOCATE_FORM,
      target: 'P3D',
      seed: ['L7637-L7638', 'L7603', 'L7676', 'inferred'],
      description:
        'The guardian "signed the authorisation to appoint the defendant suggested by MH" (L7638; "defendant" read ' +
        'as the lawyer); appointing the advocate late was a failure (L7676). The target is inferred.',
      phase: 'preparation',
    },
    {
      id: 'risk-assessment',
      compartment: 'inspection',
      title: 'Assess the risk to the witness and set protection measures',
      actor: { slot: 'police', roles: POLICE_ROLES },
      form: RISK_ASSESSMENT_FORM,
      target: 'P5D',
      requiresConsent: { purpose: 'sharing', withSlot: 'police', scope: ['needs-and-risks'] },
      seed: ['L7677', 'L3010', 'L6232', 'L6266-L6267', 'L7836-L7837', 'inferred'],
      description:
        'C11 lists "No victim protection provided by the police during court hearing" (L7677; also L3010); in C1 the ' +
        'police protected the family (L6232). Items after C1’s risk form (L6266-L6267), shielding after PHDS ' +
        '(L7836-L7837). That the police file it, once the witness lets the NGO share needs and risks, is inferred.',
      phase: 'protection',
    },
    {
      id: 'confirm-hearing',
      compartment: 'intake',
      title: 'Confirm the hearing date and the measures the court orders',
      actor: { slot: 'prosecutor', roles: PROSECUTOR_ROLES },
      form: CONFIRM_HEARING_FORM,
      target: 'P3D',
      seed: ['L7636', 'L7639-L7640', 'L7674', 'inferred'],
      description:
        'The date comes from the court (L7636); the NGO "asked the court about the travel arrangements" and the ' +
        'court could not (L7639-L7640). Confirmation by the prosecutor and the target are inferred.',
      phase: 'hearing',
    },
    {
      id: 'book-travel',
      compartment: 'return',
      title: 'Book travel and accommodation to the court in another country',
      actor: { slot: 'origin-ngo', roles: NGO_ROLES },
      form: BOOK_TRAVEL_FORM,
      target: 'P5D',
      seed: ['L7639-L7640', 'L6234', 'L5166-L5169', 'L6250-L6251'],
      description:
        'Only when the court is in another country and does not arrange the travel: "MH and the Romanian NGO booked ' +
        'the flights, arranged the accommodation" (L7640); a safe trip for court hearings (L6234); costs (L6250).',
      phase: 'hearing',
    },
    {
      id: 'lawyer-meeting',
      compartment: 'protection',
      title: 'Meeting with the witness’s lawyer',
      actor: { slot: 'advocate', roles: ADVOCATE_ROLES },
      form: LAWYER_MEETING_FORM,
      target: 'P7D',
      seed: ['L7640-L7641', 'L1692-L1693', 'L7679'],
      description:
        'The NGOs "arranged … the meeting with the lawyer"; at short notice the interpreter did not do the job ' +
        '(L7640-L7641, L7679). Skipped when the witness wants no lawyer. The target is inferred.',
      phase: 'hearing',
    },
    {
      id: 'pre-trial-support',
      compartment: 'protection',
      title: 'Counselling and preparation before the hearing',
      actor: { slot: 'ngo', roles: ['ngo-professional'] },
      form: PRE_TRIAL_SUPPORT_FORM,
      target: 'P7D',
      seed: ['L1949', 'L5172-L5173', 'L7608-L7609', 'L7679'],
      description:
        '"Counselling before and after police hearings/court sessions" (L1949, L5172); short notice left "little ' +
        'time for a proper pre-trial support" (L7608-L7609). The target is inferred.',
      phase: 'hearing',
    },
    {
      id: 'hearing-escort',
      compartment: 'protection',
      title: 'Accompany the witness to the hearing',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: HEARING_ESCORT_FORM,
      target: 'P2D',
      seed: ['L5582', 'L7642', 'L7743', 'L7677', 'L1692-L1693'],
      description:
        'Opens on the hearing date: "MH staff accompanied the victim and her mother to the court hearing" (L7642; ' +
        'P15 L5582; PHDS L7743). The 2-day target to record it is inferred.',
      phase: 'hearing',
    },
    {
      id: 'post-hearing-follow-up',
      compartment: 'protection',
      title: 'Follow-up after the hearing',
      actor: { slot: 'ngo', roles: NGO_ROLES },
      form: FOLLOW_UP_FORM,
      target: 'P14D',
      seed: ['L1949', 'L5181', 'L7675', 'L6234', 'inferred'],
      description:
        'Counselling after the court session (L1949, L5181), informing the witness of the progress (L7675), the trip ' +
        'home (L6234). The 14-day target is inferred.',
      phase: 'follow-up',
    },
  ],
  events: [
    {
      type: 'hearing-postponed',
      compartment: 'intake',
      title: 'The hearing is postponed: the prosecutor confirms a new date',
      reporters: [
        { slot: 'prosecutor', roles: PROSECUTOR_ROLES },
        { slot: 'ngo', roles: ['ngo-coordinator'] },
      ],
      form: HEARING_POSTPONED_FORM,
      // Dates of hearings change at short notice (L3010, L7674); a new round from the confirmation is inferred.
      reopens: { step: 'confirm-hearing', limit: 3, until: 'hearing-escort' },
      seed: ['L3010', 'L7674', 'inferred'],
      description:
        'Closes the open preparation and reopens the confirmation of the hearing (a new round): the new date moves ' +
        'the hearing-date deadline. At most three rounds, and not once the hearing was recorded.',
    },
    {
      type: 'witness-withdraws',
      compartment: 'protection',
      title: 'The witness decides not to testify after all',
      reporters: [
        { slot: 'ngo', roles: NGO_ROLES },
        { slot: 'advocate', roles: ADVOCATE_ROLES },
      ],
      form: WITNESS_WITHDRAWS_FORM,
      endsCaseAs: 'declined-to-testify',
      seed: ['L6515', 'L3575-L3576'],
      description: 'Ends the witness path at any time; the assistance goes on outside this case.',
    },
  ],
  dataDeadlines: [
    {
      id: 'hearing-date',
      label: 'hearing date',
      from: 'confirm-hearing.hearingDate',
      // Short notice left too little time to prepare (L7608-L7609, L7674, L7679): the preparation is reminded a
      // week before the hearing and escalated three days before (periods inferred).
      warnBefore: 'P7D',
      escalateBefore: 'P3D',
      appliesTo: PREPARATION,
      seed: ['L7608-L7609', 'L7674', 'L7679', 'inferred'],
      description: 'Travel, the lawyer meeting and the counselling must be done before the hearing.',
    },
  ],
  rules: [
    {
      id: 'assistance-not-conditional-on-testimony',
      text:
        'A witness who declines to testify, or withdraws, ends only this case: the assistance in any other case goes ' +
        'on, and no step of this SOP asks whether the witness cooperates beyond the testimony.',
      seed: ['L6515', 'L3575-L3576', 'L3751-L3752'],
    },
    {
      id: 'support-and-police-measures-apart',
      text:
        'The police and the prosecutor do not read the support notes, the lawyer meeting or the travel; the NGOs and ' +
        'the lawyer do not read the police’s risk assessment. The hearing and the court’s measures are shared.',
      // No phase separation: the NGO must see that the risk assessment waits for the consent it collects.
      seed: ['L2228-L2234', 'L1612-L1614', 'L7677'],
    },
    {
      id: 'witness-by-code',
      text: 'The witness is a code (P1); no form holds a name, an address or a phone number.',
      seed: ['L7666-L7667', 'L7678'],
    },
  ],
  transitions: [
    { from: 'start', to: 'inform-witness' },
    { from: 'inform-witness', to: 'testimony-decision' },
    { from: 'testimony-decision', to: 'declined-to-testify', when: 'decision = declines' },
    { from: 'testimony-decision', to: 'appoint-advocate', when: 'decision = testify' },
    { from: 'testimony-decision', to: 'risk-assessment', when: 'decision = testify (in parallel, under consent)' },
    { from: 'appoint-advocate', to: 'confirm-hearing', when: 'both done' },
    { from: 'risk-assessment', to: 'confirm-hearing', when: 'both done' },
    { from: 'confirm-hearing', to: 'pre-trial-support' },
    { from: 'confirm-hearing', to: 'lawyer-meeting', when: 'a lawyer appointed or already representing' },
    { from: 'confirm-hearing', to: 'book-travel', when: 'court in another country and not arranging the travel' },
    { from: 'pre-trial-support', to: 'confirm-hearing', when: 'hearing-postponed (a new round)' },
    { from: 'pre-trial-support', to: 'hearing-escort', when: 'preparation done, on the hearing date' },
    { from: 'lawyer-meeting', to: 'hearing-escort', when: 'preparation done, on the hearing date' },
    { from: 'book-travel', to: 'hearing-escort', when: 'preparation done, on the hearing date' },
    { from: 'hearing-escort', to: 'post-hearing-follow-up' },
    { from: 'post-hearing-follow-up', to: 'testimony-given', when: 'the witness testified' },
    { from: 'post-hearing-follow-up', to: 'testimony-not-given', when: 'the witness was not heard' },
  ],
  endStates: [
    {
      id: 'declined-to-testify',
      description: 'The witness decided not to testify (or withdrew); the assistance goes on outside this case.',
      seed: ['L6515', 'L3575-L3576'],
      personOutcome: 'assisted',
    },
    {
      id: 'testimony-given',
      description: 'The witness testified, accompanied, and was followed up.',
      seed: ['L7642', 'L5582'],
      personOutcome: 'assisted',
    },
    {
      id: 'testimony-not-given',
      description: 'The witness was prepared and escorted but not heard, or did not attend; followed up.',
      seed: ['L7674', 'inferred'],
      personOutcome: 'assisted',
    },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
