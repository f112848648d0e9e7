import type { FieldSpec, FormSpec } from '@waymark/contracts';

/**
 * The forms of the court testimony and witness support SOP. They hold codes, dates, counts and decisions; the
 * witness is a code (P1), never a name; every free-text field is personal.
 */
const NOTE: FieldSpec = { type: 'text', label: 'Note (no names)', maxLength: 1000, personal: true };
const RISK = ['low', 'medium', 'high'] as const;

export const INTAKE_FORM: FormSpec = {
  fields: {
    requestCode: {
      type: 'string',
      label: "Prosecutor's reference code of the request",
      required: true,
      maxLength: 32,
      pattern: '^[A-Z0-9-]{3,32}$',
      patternHint: 'a reference code of 3 to 32 capital letters, digits or dashes (no names)',
    },
    witnessCode: {
      type: 'string',
      label: 'Witness code',
      required: true,
      maxLength: 16,
      pattern: '^P[0-9]+$',
      patternHint: 'a person code such as P1',
    },
    requestedBy: {
      type: 'enum',
      label: 'Who asked for the testimony',
      required: true,
      // C11: the police passed on the court's request (L7636); the prosecutor's office may ask itself (L6952-L6953).
      options: ['prosecutor', 'court', 'police'],
    },
    proceedings: {
      type: 'enum',
      label: 'Proceedings',
      required: true,
      options: ['trial', 'pre-trial-questioning', 'appeal'],
    },
    courtInAnotherCountry: {
      type: 'boolean',
      label: 'The court is in another country than the one the witness lives in',
      required: true,
      description: 'Brings in the NGO in the witness’s country and the travel and accommodation step.',
    },
    witnessCountry: { type: 'string', label: 'Country the witness lives in', format: 'country' },
    isMinor: { type: 'boolean', label: 'The witness is a child', required: true },
  },
};

export const INFORM_WITNESS_FORM: FormSpec = {
  fields: {
    informedOn: { type: 'date', label: 'Informed on', required: true },
    informedThrough: {
      type: 'enum',
      label: 'Informed through',
      required: true,
      // C11: the NGO in the witness's country informed her and her parents (L7637).
      options: ['directly', 'origin-ngo', 'cultural-mediator'],
    },
    language: {
      type: 'string',
      label: 'Language of the information (code, e.g. ro)',
      maxLength: 16,
      pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$',
      patternHint: 'a language code such as ro or zh-wuu',
    },
    interpreterUsed: { type: 'boolean', label: 'Interpreter used', required: true },
    proceedingsExplained: { type: 'boolean', label: 'Proceedings and the witness’s rights explained', required: true },
    guardianInformed: { type: 'boolean', label: 'Parents or guardian informed (child witness)' },
    note: NOTE,
  },
};

export const TESTIMONY_DECISION_FORM: FormSpec = {
  fields: {
    decision: {
      type: 'enum',
      label: 'The witness’s decision',
      required: true,
      options: ['testify', 'declines'],
      description: 'A witness who declines keeps every assistance; only the witness path ends.',
    },
    givenBy: { type: 'enum', label: 'Decision given by', required: true, options: ['person', 'guardian'] },
    consentForm: { type: 'enum', label: 'Form of the consent', required: true, options: ['verbal', 'written'] },
    shareRisksWithPolice: {
      type: 'boolean',
      label: 'The witness agrees that the NGO shares needs and risks with the police for the risk assessment',
      required: true,
    },
    note: NOTE,
  },
};

export const APPOINT_ADVOCATE_FORM: FormSpec = {
  fields: {
    advocateStatus: {
      type: 'enum',
      label: 'The witness’s own lawyer or victim advocate',
      required: true,
      options: ['appointed', 'already-represented', 'not-wanted'],
      description: 'Once appointed, the lead puts the lawyer’s office in the advocate slot (it may join late).',
    },
    authorisationSignedBy: {
      type: 'enum',
      label: 'Authorisation signed by',
      options: ['person', 'guardian', 'not-needed'],
    },
    authorisationOn: { type: 'date', label: 'Authorisation signed on' },
    legalAidCovered: { type: 'boolean', label: 'Legal costs covered (legal aid or programme)' },
    note: NOTE,
  },
};

export const RISK_ASSESSMENT_FORM: FormSpec = {
  fields: {
    overallRisk: { type: 'enum', label: 'Overall risk to the witness', required: true, options: RISK },
    riskFromNetwork: { type: 'enum', label: 'Risk from the trafficking network', required: true, options: RISK },
    riskToFamily: { type: 'enum', label: 'Risk to the witness’s family', required: true, options: RISK },
    policeEscortToCourt: { type: 'boolean', label: 'Police escort to and from the court', required: true },
    protectionAtHearing: { type: 'boolean', label: 'Police protection in the court building', required: true },
    familyProtection: { type: 'boolean', label: 'Protection measures for the family', required: true },
    identityShielding: { type: 'boolean', label: 'Identity shielded during questioning', required: true },
    nextReviewOn: { type: 'date', label: 'Next risk review on' },
    note: NOTE,
  },
};

export const CONFIRM_HEARING_FORM: FormSpec = {
  fields: {
    hearingDate: {
      type: 'date',
      label: 'Date of the hearing',
      required: true,
      notBefore: 'today',
      description: 'Sets the hearing-date deadline of the preparation; a postponement sets it again.',
    },
    courtCode: {
      type: 'string',
      label: 'Court reference code',
      maxLength: 32,
      pattern: '^[A-Z0-9-]{2,32}$',
      patternHint: 'a court code of capital letters, digits or dashes',
    },
    attendance: {
      type: 'enum',
      label: 'How the witness is heard',
      required: true,
      options: ['in-person', 'video-link'],
    },
    separateWaitingArea: { type: 'boolean', label: 'Separate waiting area ordered', required: true },
    screenOrClosedSession: { type: 'boolean', label: 'Screen or closed session ordered', required: true },
    courtArrangesTravel: {
      type: 'enum',
      label: 'The court arranges the witness’s travel and accommodation',
      required: true,
      options: ['yes', 'no', 'not-needed'],
    },
  },
};

export const BOOK_TRAVEL_FORM: FormSpec = {
  fields: {
    outboundDate: {
      type: 'date',
      label: 'Outbound travel on',
      required: true,
      notBefore: 'today',
      notAfter: 'hearing-date',
    },
    returnDate: { type: 'date', label: 'Return travel on', notBefore: 'today' },
    accommodationArranged: { type: 'boolean', label: 'Accommodation arranged', required: true },
    companionTravels: { type: 'boolean', label: 'A parent or trusted person travels with the witness', required: true },
    escortTravels: { type: 'boolean', label: 'NGO staff travel with the witness', required: true },
    costsCoveredBy: {
      type: 'enum',
      label: 'Travel costs covered by',
      required: true,
      options: ['court', 'destination-ngo', 'origin-ngo', 'programme', 'not-covered'],
      overlayOptions: true,
    },
  },
};

export const LAWYER_MEETING_FORM: FormSpec = {
  fields: {
    meetingOn: { type: 'date', label: 'Meeting with the lawyer on', required: true, notAfter: 'hearing-date' },
    interpreterProvided: { type: 'boolean', label: 'Interpreter provided', required: true },
    interpretationAdequate: { type: 'boolean', label: 'The interpretation was adequate', required: true },
    compensationClaimDiscussed: { type: 'boolean', label: 'Compensation claim discussed' },
    note: NOTE,
  },
};

export const PRE_TRIAL_SUPPORT_FORM: FormSpec = {
  fields: {
    counsellingSessions: {
      type: 'integer',
      label: 'Counselling sessions before the hearing',
      required: true,
      min: 0,
      max: 50,
    },
    proceedingsExplained: { type: 'boolean', label: 'Course of the hearing explained', required: true },
    interpreterBooked: { type: 'boolean', label: 'Interpreter booked for the hearing', required: true },
    interpreterLanguage: {
      type: 'string',
      label: 'Interpreter language (code)',
      maxLength: 16,
      pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$',
      patternHint: 'a language code such as ro',
    },
    enoughPreparationTime: { type: 'boolean', label: 'There was enough time to prepare', required: true },
    note: NOTE,
  },
};

export const HEARING_ESCORT_FORM: FormSpec = {
  fields: {
    outcome: {
      type: 'enum',
      label: 'At the hearing',
      required: true,
      options: ['testified', 'not-heard', 'did-not-attend'],
    },
    accompanied: { type: 'boolean', label: 'NGO staff accompanied the witness', required: true },
    interpreterAtHearing: { type: 'boolean', label: 'Interpreter present at the hearing', required: true },
    policeProtectionProvided: { type: 'boolean', label: 'Police protection provided at the hearing', required: true },
    orderedMeasuresApplied: { type: 'boolean', label: 'The measures the court ordered were applied', required: true },
    note: NOTE,
  },
};

export const FOLLOW_UP_FORM: FormSpec = {
  fields: {
    counsellingAfter: { type: 'boolean', label: 'Counselling after the hearing', required: true },
    returnTravel: { type: 'enum', label: 'Return travel', required: true, options: ['done', 'not-needed', 'pending'] },
    informedOfOutcome: {
      type: 'boolean',
      label: 'The witness was informed of the outcome or next steps',
      required: true,
    },
    furtherHearingExpected: { type: 'boolean', label: 'A further hearing is expected', required: true },
    note: NOTE,
  },
};

export const HEARING_POSTPONED_FORM: FormSpec = {
  fields: {
    reason: {
      type: 'enum',
      label: 'Reason',
      required: true,
      options: ['court-schedule', 'defendant-absent', 'witness-unavailable', 'other'],
    },
    announcedOn: { type: 'date', label: 'Announced on', required: true },
  },
};

export const WITNESS_WITHDRAWS_FORM: FormSpec = {
  fields: {
    reason: {
      type: 'enum',
      label: 'Reason',
      required: true,
      options: ['fear-of-reprisals', 'health', 'changed-mind', 'other'],
    },
    note: NOTE,
  },
};
