import type { FormSpec } from '@waymark/contracts';

/**
 * The forms of the Venice Crisis and Assessment Unit SOP (seed P6, L4402-L4416). They hold codes, counts, decisions
 * and short notes: persons are referred to by the codes the interview step gives them (`W1` workers, `C1` children),
 * never by name. Every field that could describe a person is marked `personal`.
 */

export const TRIGGER_TYPES = [
  'labour-investigation',
  'police-investigation',
  'hotline-call',
  'anonymous-letter',
  'word-of-mouth',
  'other',
] as const;

const NOTE = { type: 'text', label: 'Short note (no names)', maxLength: 1000, personal: true } as const;

export const INTAKE_FORM: FormSpec = {
  fields: {
    // L4403-L4405: "a labour or police investigation, hotline calls, anonymous letters, word of mouth, etc."
    triggerType: { type: 'enum', label: 'How the Unit was informed', options: TRIGGER_TYPES, required: true },
    // L4377-L4378, L4392-L4393: sweatshops, manufacturing companies, apartments and massage centres.
    premisesType: {
      type: 'enum',
      label: 'Type of premises',
      options: ['manufacturing-company', 'textile-workshop', 'massage-centre', 'apartment', 'other'],
      overlayOptions: true,
      required: true,
    },
    suspectedExploitation: {
      type: 'enum',
      label: 'Suspected form of exploitation',
      options: ['labour', 'sexual', 'labour-and-sexual', 'unknown'],
      required: true,
    },
    // L4487-L4489: one centralised Unit for the entire regional territory, so the place matters for planning.
    municipality: { type: 'string', label: 'Municipality of the premises', maxLength: 80, required: true },
    estimatedWorkers: { type: 'integer', label: 'Estimated number of workers on the premises', min: 0, max: 500 },
    // L4385: workers often live where they work; L4399: the Unit monitors possible child labour.
    livingOnPremisesReported: { type: 'boolean', label: 'Workers reportedly live on the premises' },
    childrenReported: { type: 'boolean', label: 'Children reportedly on the premises' },
    signalRef: { type: 'string', label: 'Reference of the signal at the referring body', maxLength: 60 },
    signalNote: { ...NOTE, label: 'Summary of the signal (no names)' },
  },
};

export const PLAN_UNIT_FORM: FormSpec = {
  fields: {
    decision: {
      type: 'enum',
      label: 'The Unit on the joint inspection plan',
      options: ['confirmed', 'revise', 'call-off'],
      required: true,
      description: '`call-off` ends the case: the signal does not justify an inspection (inferred).',
    },
    plannedDate: { type: 'date', label: 'Agreed inspection date', required: true },
    socialWorkersOnCall: {
      type: 'integer',
      label: 'Social workers on call for the day',
      min: 0,
      max: 10,
      required: true,
    },
    mediatorAssigned: { type: 'boolean', label: 'Cultural mediator assigned', required: true },
    mediatorLanguage: { type: 'string', label: 'Language of the mediation (e.g. zh-wuu)', maxLength: 40 },
    note: { ...NOTE, label: 'Planning note' },
  },
};

export const PLAN_INSPECTORATE_FORM: FormSpec = {
  fields: {
    decision: { type: 'enum', label: 'The Inspectorate on the plan', options: ['confirmed', 'revise'], required: true },
    inspectorsAssigned: { type: 'integer', label: 'Labour inspectors assigned', min: 0, max: 20, required: true },
    inspectionFileRef: { type: 'string', label: 'Inspectorate file reference', maxLength: 60 },
    note: { ...NOTE, label: 'What should change, if anything' },
  },
};

export const PLAN_POLICE_FORM: FormSpec = {
  fields: {
    decision: { type: 'enum', label: 'Law enforcement on the plan', options: ['confirmed', 'revise'], required: true },
    // L4403: "law enforcement officers (Carabinieri or Police)".
    force: {
      type: 'enum',
      label: 'Force taking part',
      options: ['carabinieri', 'state-police', 'local-police'],
      // Each jurisdiction has its own forces: a deployment lists them in its overlay.
      overlayOptions: true,
      required: true,
    },
    officersAssigned: { type: 'integer', label: 'Officers assigned', min: 0, max: 30, required: true },
    note: { ...NOTE, label: 'What should change, if anything' },
  },
};

export const LABOUR_CHECK_FORM: FormSpec = {
  fields: {
    workersPresent: { type: 'integer', label: 'Workers present at the inspection', min: 0, max: 500, required: true },
    healthSafetyBreaches: { type: 'boolean', label: 'Health and safety breaches found', required: true },
    workersWithoutContract: {
      type: 'integer',
      label: 'Workers without a regular contract',
      min: 0,
      max: 500,
      required: true,
    },
    livingOnPremises: { type: 'boolean', label: 'Workers live on the premises', required: true },
    activitySuspended: { type: 'boolean', label: 'Activity suspended by the Inspectorate' },
    // L4437: findings go to the "Inspections database".
    inspectionRecordRef: { type: 'string', label: 'Inspections database record', maxLength: 60, required: true },
  },
};

export const POLICE_CHECK_FORM: FormSpec = {
  fields: {
    identityChecks: { type: 'integer', label: 'Identity checks carried out', min: 0, max: 500, required: true },
    withoutResidencePermit: {
      type: 'integer',
      label: 'Workers without a residence permit',
      min: 0,
      max: 500,
      required: true,
    },
    offenceReported: { type: 'boolean', label: 'Offence reported to the prosecutor', required: true },
    policeRecordRef: { type: 'string', label: 'Police record reference', maxLength: 60 },
  },
};

export const INTERVIEWS_FORM: FormSpec = {
  fields: {
    workersInterviewed: { type: 'integer', label: 'Migrant workers interviewed', min: 0, max: 500, required: true },
    mediatorSupported: { type: 'boolean', label: 'Interviews held with the cultural mediator', required: true },
    vulnerableWorkerCodes: {
      type: 'string-list',
      label: 'Codes of the workers found vulnerable (W1, W2, ...)',
      maxLength: 16,
      description: 'One code per worker, W followed by a number; never a name. Empty when nobody was found vulnerable.',
    },
    childrenFound: { type: 'boolean', label: 'Children found on the premises', required: true },
    childCodes: {
      type: 'string-list',
      label: 'Codes of the children found (C1, C2, ...)',
      maxLength: 16,
      description: 'One code per child, C followed by a number; never a name.',
    },
    // L4470-L4472: "Lack of a proper interview setting during the inspections" is the practice's known weakness.
    settingSuitable: { type: 'boolean', label: 'A private interview setting was available', required: true },
    // L4436, L4438: interview sheets are kept in the "Contacts and interviews database".
    interviewSheetRef: { type: 'string', label: 'Contacts and interviews database record', maxLength: 60 },
    note: NOTE,
  },
};

export const INFORMATION_FORM: FormSpec = {
  fields: {
    workersInformed: { type: 'integer', label: 'Workers informed', min: 0, max: 500, required: true },
    // L4465-L4466: "information and counselling on Italian migration law"; L4439: leaflets for Chinese workers.
    migrationLawCovered: { type: 'boolean', label: 'Italian migration law explained', required: true },
    labourRightsCovered: { type: 'boolean', label: 'Labour rights and where to get help explained', required: true },
    leafletsGiven: { type: 'boolean', label: 'Information leaflets handed out', required: true },
  },
};

export const TEAM_JOINS_FORM: FormSpec = {
  fields: {
    socialWorkersDeployed: { type: 'integer', label: 'Social workers on site', min: 1, max: 10, required: true },
    psychologistDeployed: { type: 'boolean', label: 'Psychologist on site', required: true },
    separateSpaceAvailable: {
      type: 'boolean',
      label: 'A space apart from the inspection is available',
      required: true,
    },
  },
};

export const NEEDS_ASSESSMENT_FORM: FormSpec = {
  fields: {
    interpreterPresent: { type: 'boolean', label: 'Language support present', required: true },
    needsHealthcare: { type: 'boolean', label: 'Needs healthcare', required: true, personal: true },
    needsAccommodation: { type: 'boolean', label: 'Needs safe accommodation', required: true, personal: true },
    needsLegalAdvice: { type: 'boolean', label: 'Needs legal advice', required: true, personal: true },
    immediateDanger: { type: 'boolean', label: 'Signs of immediate danger', required: true, personal: true },
    // L4474-L4476: "Short time for the first case assessment per migrant" — let the worker say so.
    timeSufficient: { type: 'boolean', label: 'Enough time for the assessment', required: true },
    note: NOTE,
  },
};

export const COUNSELLING_FORM: FormSpec = {
  fields: {
    migrationLawCovered: { type: 'boolean', label: 'Italian migration law explained', required: true },
    protectionOptionsCovered: { type: 'boolean', label: 'Protection and assistance options explained', required: true },
    leafletGiven: { type: 'boolean', label: 'Information leaflet given', required: true },
    followUpAgreed: { type: 'boolean', label: 'A follow-up contact was agreed', required: true, personal: true },
    note: NOTE,
  },
};

export const IDENTIFICATION_FORM: FormSpec = {
  fields: {
    // L4411-L4412 and the consent principle of L1129-L1130: a referral goes out only with the person's consent.
    outcome: {
      type: 'enum',
      label: 'Identification outcome',
      options: ['identified-consents-to-referral', 'identified-declines-referral', 'not-identified'],
      required: true,
      personal: true,
    },
    exploitationForm: {
      type: 'enum',
      label: 'Form of exploitation found',
      options: ['labour', 'sexual', 'labour-and-sexual', 'none'],
      required: true,
      personal: true,
    },
    note: NOTE,
  },
};

export const REFERRAL_FORM: FormSpec = {
  fields: {
    // L4464: "referred ... to the local or national social protection programme".
    programme: { type: 'enum', label: 'Programme', options: ['local', 'national'], required: true, personal: true },
    takenInChargeOn: { type: 'date', label: 'Taken in charge on', required: true },
    accommodationProvided: {
      type: 'boolean',
      label: 'Protected accommodation provided',
      required: true,
      personal: true,
    },
    note: NOTE,
  },
};

export const CHILD_ASSESSMENT_FORM: FormSpec = {
  fields: {
    familyPresent: { type: 'boolean', label: 'Parent or family present', required: true, personal: true },
    ageEstimate: { type: 'integer', label: 'Estimated age', min: 0, max: 17, personal: true },
    // L4387-L4388: children "live in unhealthy and unsafe conditions"; L4399: possible child labour.
    unsafeConditions: {
      type: 'boolean',
      label: 'Unhealthy or unsafe living conditions',
      required: true,
      personal: true,
    },
    childLabourSuspected: { type: 'boolean', label: 'Child labour suspected', required: true, personal: true },
    note: NOTE,
  },
};

export const FAMILY_ASSESSMENT_FORM: FormSpec = {
  fields: {
    livingConditionsAdequate: {
      type: 'boolean',
      label: 'Family living conditions adequate',
      required: true,
      personal: true,
    },
    measures: {
      type: 'enum',
      label: 'Measures agreed',
      options: ['none-needed', 'family-support-plan', 'referred-to-child-protection-authority'],
      required: true,
      personal: true,
    },
    schoolingArranged: {
      type: 'boolean',
      label: 'School attendance arranged or confirmed',
      required: true,
      personal: true,
    },
    note: NOTE,
  },
};

export const SHELTER_FORM: FormSpec = {
  fields: {
    admittedOn: { type: 'date', label: 'Admitted on', required: true },
    // L4416: "assisted as a foreign [un]accompanied child or a child victim of trafficking".
    assistedAs: {
      type: 'enum',
      label: 'Assisted as',
      options: ['unaccompanied-foreign-child', 'child-victim-of-trafficking'],
      required: true,
      personal: true,
    },
    guardianRequested: { type: 'boolean', label: 'Appointment of a guardian requested', required: true },
    note: NOTE,
  },
};
