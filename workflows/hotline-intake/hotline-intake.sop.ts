import type { SopDefinition } from '@waymark/contracts';
import { HOTLINE_INTAKE_ACCESS, HOTLINE_ROLES, PARTNER_ROLES } from './hotline-intake.policy';
import {
  ALERT_MEDICAL_FORM,
  ALERT_POLICE_FORM,
  CALL_SHEET_FORM,
  CLOSE_CONTACT_FORM,
  CONTACT_LOST_FORM,
  EMERGENCY_CONSENT_FORM,
  LOCATE_AND_ASSIST_FORM,
  PERSON_DECLINES_FORM,
  REFER_ON_FORM,
  RISK_CHECK_FORM,
} from './hotline-intake.forms';

const BOTH_NGOS = [
  { slot: 'hotline', roles: HOTLINE_ROLES },
  { slot: 'partner-ngo', roles: PARTNER_ROLES },
];

/**
 * Hotline crisis intake (catalogue T1: C4 ASTRA L6550-L6699; P4 PHDS L4122, L4169; P2 Ac.Sé L3892, L3899-L3900;
 * chapter 2 L1997, L2011). A call to a 24/7 hotline (L5441) starts it: the operator fills the call sheet (L5370) with
 * codes only, checks the risk at once, calls the police or medical help only where the person agrees, and asks the
 * NGO where the person is to find and assist them, "within 24 hours" in C4 (L6568); the hotline then refers the person
 * on (a linked shelter admission case, L3899-L3900) and closes the call. The operator's targets are minutes.
 */
export const HOTLINE_INTAKE_SOP: SopDefinition = {
  id: 'hotline-intake',
  version: 1,
  title: 'Hotline crisis intake',
  summary:
    'A call reaches the hotline, often from a relative and with no names given; the operator checks the risk at ' +
    'once and, where the person is in danger and agrees, calls the police or medical help, while the NGO where the ' +
    'person is finds and assists them (never waiting on the police); a person who agrees is referred to a shelter ' +
    'admission as a linked case; the call is closed with the caller told only what the person allowed.',
  seed: [
    'L1997',
    'L2011',
    'L3892',
    'L3899-L3900',
    'L4122',
    'L5370',
    'L5441',
    'L6566-L6569',
    'L6602-L6628',
    'L6669-L6674',
  ],
  workflowType: 'hotlineIntakeWorkflow',
  // Who reads and writes which compartment of this SOP's cases: hotline-intake.policy.ts.
  access: HOTLINE_INTAKE_ACCESS,
  // The hotline coordinates (ASTRA in C4, L6568-L6569, L6672): it changes the partner NGO and cancels.
  lead: { slot: 'hotline', coordinatorRoles: ['ngo-coordinator'] },
  participants: {
    hotline: { kind: 'ngo', label: 'Hotline (NGO crisis line)', defaultAgency: 'astra-hotline' },
    // The first NGO asked may pass the search to another with an outreach unit (L6623-L6626, L6672-L6673).
    'partner-ngo': {
      kind: 'ngo',
      label: 'NGO where the person is (outreach)',
      defaultAgency: 'on-the-road',
      changeable: { seed: ['L6623-L6626', 'L6672-L6673'] },
    },
  },
  intake: CALL_SHEET_FORM,
  intakeCompartment: 'intake',
  // A crisis line counts in minutes: an overdue step is chased every 15 minutes, within the agency holding it, then
  // with the hotline's coordinators (inferred; the seed gives no minute figures, L1997, L2011).
  escalation: { every: 'PT15M', chain: ['slot-supervisors', 'lead-coordinators'] },
  steps: [
    {
      id: 'risk-check',
      compartment: 'protection',
      title: 'Check the immediate risk',
      actor: { slot: 'hotline', roles: HOTLINE_ROLES },
      form: RISK_CHECK_FORM,
      target: 'PT5M',
      seed: ['L1997', 'L2011', 'L1842', 'L6602-L6607', 'inferred'],
      description:
        'Hotlines "speed up victim identification and crisis intervention" (L1997, L2011); "through a hotline, fast ' +
        'identification and safety measures are granted" (L1842). The caller may know little of the whereabouts ' +
        '(L6605-L6607). The 5-minute target is inferred: the seed gives no minutes.',
      phase: 'crisis',
    },
    {
      id: 'emergency-consent',
      compartment: 'protection',
      title: 'Ask the person which emergency help they agree to',
      actor: { slot: 'hotline', roles: HOTLINE_ROLES },
      form: EMERGENCY_CONSENT_FORM,
      target: 'PT5M',
      seed: ['L6669', 'L3575-L3576', 'inferred'],
      description:
        'Only when the person is in immediate danger and can be reached. Help does not depend on cooperating with ' +
        'the police (L3575-L3576); data passes on with consent (L6669). That the person (or a child’s guardian), not ' +
        'the caller, agrees to police or medical help is inferred, as is the target.',
      phase: 'crisis',
    },
    {
      id: 'alert-police',
      compartment: 'protection',
      title: 'Alert the police emergency service',
      actor: { slot: 'hotline', roles: HOTLINE_ROLES },
      form: ALERT_POLICE_FORM,
      target: 'PT15M',
      seed: ['L1842', 'L6632-L6633', 'inferred'],
      description:
        'Opened only when the person agreed to the police. "Safety measures are granted" through the hotline (L1842); ' +
        'in C4 the police worked in parallel with the NGOs (L6632-L6633). The 15-minute target is inferred.',
      phase: 'crisis',
    },
    {
      id: 'alert-medical',
      compartment: 'protection',
      title: 'Alert emergency medical help',
      actor: { slot: 'hotline', roles: HOTLINE_ROLES },
      form: ALERT_MEDICAL_FORM,
      target: 'PT15M',
      seed: ['L1842', 'L5339-L5340', 'inferred'],
      description:
        'Opened only when the person agreed to medical help; ASTRA works with a clinic under a memorandum ' +
        '(L5339-L5340). The 15-minute target is inferred.',
      phase: 'crisis',
    },
    {
      id: 'locate-and-assist',
      compartment: 'protection',
      title: 'Find the person and bring them to a safe place',
      actor: { slot: 'partner-ngo', roles: PARTNER_ROLES },
      form: LOCATE_AND_ASSIST_FORM,
      target: 'P1D',
      seed: ['L6566-L6568', 'L6623-L6628', 'L6672-L6674'],
      description:
        'The hotline asks the NGO where the person is; its outreach unit "identified the victim’s location, ' +
        'contacted and transferred her into a safe place" (L6625-L6626): "within 24 hours" (L6568), "the next day" ' +
        '(L6674). Runs beside the emergency help, never after it. The person’s agreement to a referral is asked here.',
      phase: 'assistance',
    },
    {
      id: 'refer-on',
      compartment: 'protection',
      title: 'Refer the person for assistance',
      actor: { slot: 'hotline', roles: ['ngo-coordinator'] },
      form: REFER_ON_FORM,
      target: 'PT1H',
      seed: ['L3899-L3900', 'L3918', 'L6568-L6569'],
      description:
        'Only when the person agreed. Ac.Sé "manage[s] a hotline for referral of victims" to its shelters ' +
        '(L3899-L3900) with a "prompt reply for case referral" (L3918). A shelter admission starts a linked case with ' +
        'only the declared fields. The 1-hour target is inferred.',
      phase: 'assistance',
      startsCase: {
        sop: 'shelter-admission',
        when: 'referral = shelter-admission',
        carry: {
          referralSource: 'refer-on.placeRequestedBy',
          identificationStatus: 'refer-on.identificationStatus',
          isMinor: 'intake.isMinor',
          hostCountry: 'intake.personCountry',
        },
        // The hotline's own network places the person (Ac.Sé: hotline and shelters, L3899-L3900).
        participants: { network: 'hotline' },
        consent: { purpose: 'assistance', scope: ['needs-and-risks'] },
        seed: ['L3899-L3900', 'L6669'],
      },
    },
    {
      id: 'close-contact',
      compartment: 'protection',
      title: 'Close the call: tell the caller what the person allowed',
      actor: { slot: 'hotline', roles: HOTLINE_ROLES },
      form: CLOSE_CONTACT_FORM,
      target: 'PT1H',
      seed: ['L6568-L6569', 'L6605-L6607', 'L6669-L6671', 'inferred'],
      description:
        'ASTRA was "the contact point between the woman and her family" (L6568-L6569); the woman did not want her ' +
        'father told everything (L6605-L6607), so the caller hears only what the person allowed. Target inferred.',
      phase: 'assistance',
    },
  ],
  events: [
    {
      type: 'contact-lost',
      compartment: 'protection',
      title: 'Contact with the caller and the person is lost',
      reporters: BOTH_NGOS,
      form: CONTACT_LOST_FORM,
      endsCaseAs: 'contact-lost',
      seed: ['L6605-L6607', 'inferred'],
      description: 'The call drops and nobody can be reached again; the case ends with the attempts recorded.',
    },
    {
      type: 'person-declines-help',
      compartment: 'protection',
      title: 'The person does not want help',
      reporters: BOTH_NGOS,
      form: PERSON_DECLINES_FORM,
      endsCaseAs: 'declined-help',
      seed: ['L6605-L6607', 'L3575-L3576', 'inferred'],
      description: 'Ends the case at any time; nothing is passed on.',
    },
  ],
  rules: [
    {
      id: 'emergency-help-only-where-agreed',
      text:
        'The police or medical help are called through this SOP only where the person (or a child’s guardian) agreed; ' +
        'the search and assistance by the NGO go on whatever the answer, and never wait for the police.',
      seed: ['L3575-L3576', 'L6669', 'L2011'],
    },
    {
      id: 'anonymous-caller',
      text: 'The caller and the person are codes (C1, P1): a caller who gives no name is served the same.',
      seed: ['L6670-L6671', 'L5370'],
    },
    {
      id: 'caller-hears-what-the-person-allows',
      text: 'A relative who called learns only what the person allowed; the referral carries only declared fields.',
      seed: ['L6605-L6607', 'L6669-L6671'],
    },
  ],
  transitions: [
    { from: 'start', to: 'risk-check' },
    { from: 'risk-check', to: 'emergency-consent', when: 'immediate danger and the person can be reached' },
    { from: 'risk-check', to: 'locate-and-assist', when: 'always (in parallel with any emergency help)' },
    { from: 'emergency-consent', to: 'alert-police', when: 'agreesToPolice' },
    { from: 'emergency-consent', to: 'alert-medical', when: 'agreesToMedical' },
    { from: 'alert-police', to: 'refer-on', when: 'both tracks done' },
    { from: 'alert-medical', to: 'refer-on', when: 'both tracks done' },
    { from: 'locate-and-assist', to: 'refer-on', when: 'found and safe, and the person agrees to a referral' },
    { from: 'locate-and-assist', to: 'close-contact', when: 'otherwise' },
    { from: 'refer-on', to: 'close-contact' },
    { from: 'close-contact', to: 'referred-for-assistance', when: 'a referral was made' },
    { from: 'close-contact', to: 'assisted', when: 'found and safe, no referral' },
    { from: 'close-contact', to: 'declined-help', when: 'the person declined help' },
    { from: 'close-contact', to: 'not-located', when: 'the person was not found' },
    { from: 'risk-check', to: 'contact-lost', when: 'event contact-lost (at any time)' },
  ],
  endStates: [
    {
      id: 'referred-for-assistance',
      description: 'The person is safe and was referred on for assistance (a shelter admission or another service).',
      seed: ['L3899-L3900', 'L6568'],
      personOutcome: 'assisted',
    },
    {
      id: 'assisted',
      description: 'The person was found and brought to safety; no referral was wanted.',
      seed: ['L6625-L6626'],
      personOutcome: 'assisted',
    },
    {
      id: 'declined-help',
      description: 'The person did not want help; nothing was passed on.',
      seed: ['L6605-L6607', 'inferred'],
      personOutcome: 'declined-assistance',
    },
    {
      id: 'not-located',
      description: 'The NGO where the person was thought to be could not find them.',
      seed: ['L6605-L6607', 'inferred'],
      personOutcome: 'lost-contact',
    },
    {
      id: 'contact-lost',
      description: 'The caller and the person could not be reached again.',
      seed: ['L6602-L6603', 'inferred'],
      personOutcome: 'lost-contact',
    },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
