import type { FieldSpec, FormSpec } from '@waymark/contracts';

/**
 * Forms of the hotline crisis intake SOP (catalogue T1: C4 ASTRA, P4, P2). The call sheet (L5370) holds codes,
 * categories and decisions: the caller and the person are codes, never names, numbers or places; a caller who gives
 * no name is the normal case. Every free-text field is personal.
 */
const NOTE: FieldSpec = {
  type: 'text',
  label: 'Note (no names, no numbers, no places)',
  maxLength: 1000,
  personal: true,
};
const CONSENT_FORM: FieldSpec = {
  type: 'enum',
  label: 'Form of the consent',
  required: true,
  options: ['verbal', 'written'],
};
const GIVEN_BY: FieldSpec = {
  type: 'enum',
  label: 'Agreement given by',
  required: true,
  options: ['person', 'guardian'],
  description: 'For a child, the guardian; a caller who is not the person cannot agree for them.',
};

/** The call sheet the operator fills while the call runs (`POST /cases`). */
export const CALL_SHEET_FORM: FormSpec = {
  fields: {
    callerCode: {
      type: 'string',
      label: 'Caller code',
      required: true,
      maxLength: 16,
      pattern: '^C[0-9]+$',
      patternHint: 'a caller code such as C1 (no name, no phone number)',
    },
    callerCategory: {
      type: 'enum',
      label: 'Who calls',
      required: true,
      // The person themselves, or (as in C4) a relative (L6566-L6567, L6602); professionals call Ac.Sé's line (L3892).
      options: ['the-person', 'relative', 'friend', 'professional', 'anonymous'],
    },
    personCode: {
      type: 'string',
      label: 'Code of the person at risk',
      required: true,
      maxLength: 16,
      pattern: '^P[0-9]+$',
      patternHint: 'a person code such as P1',
    },
    contactChannel: {
      type: 'enum',
      label: 'Channel',
      required: true,
      options: ['phone', 'text-message', 'online-chat', 'e-mail'],
    },
    personCountry: {
      type: 'string',
      label: 'Country the person is in, if known',
      format: 'country',
      description: 'The person may be abroad: C4’s father called from Serbia about his daughter in Italy (L6602).',
    },
    exploitation: {
      type: 'enum',
      label: 'Situation reported',
      required: true,
      options: ['sexual', 'labour', 'begging', 'forced-marriage', 'criminal-activities', 'unclear'],
    },
    isMinor: { type: 'boolean', label: 'The person is or may be a child', required: true },
    language: {
      type: 'string',
      label: 'Language of the call (code, e.g. sr)',
      maxLength: 16,
      pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$',
      patternHint: 'a language code such as sr or it',
    },
  },
};

export const RISK_CHECK_FORM: FormSpec = {
  fields: {
    immediateDanger: {
      type: 'boolean',
      label: 'The person is in immediate danger',
      required: true,
      description: 'Yes opens the emergency agreement: police or medical help only where the person agrees.',
    },
    dangerKind: {
      type: 'enum',
      label: 'Kind of danger',
      required: true,
      options: ['none', 'violence', 'held-against-will', 'medical', 'threats', 'other'],
    },
    personReachable: {
      type: 'boolean',
      label: 'The person can be reached directly (on the line or by phone)',
      required: true,
      description: 'In C4 the person could be reached only once the partner NGO had found her (L6603).',
    },
    whereaboutsKnown: {
      type: 'enum',
      label: 'What is known of the whereabouts',
      required: true,
      // "did not want to reveal details about her whereabouts" (L6605-L6606).
      options: ['exact', 'town', 'country-only', 'unknown'],
    },
    note: NOTE,
  },
};

export const EMERGENCY_CONSENT_FORM: FormSpec = {
  fields: {
    agreesToPolice: { type: 'boolean', label: 'The person agrees that the police are called', required: true },
    agreesToMedical: { type: 'boolean', label: 'The person agrees that medical help is called', required: true },
    givenBy: GIVEN_BY,
    consentForm: CONSENT_FORM,
    note: NOTE,
  },
};

export const ALERT_POLICE_FORM: FormSpec = {
  fields: {
    alerted: { type: 'boolean', label: 'The police emergency service was alerted', required: true },
    responseConfirmed: { type: 'boolean', label: 'The police confirmed they are responding', required: true },
    referenceCode: {
      type: 'string',
      label: 'Police reference code',
      maxLength: 32,
      pattern: '^[A-Z0-9-]{2,32}$',
      patternHint: 'a reference of capital letters, digits or dashes',
    },
  },
};

export const ALERT_MEDICAL_FORM: FormSpec = {
  fields: {
    alerted: { type: 'boolean', label: 'Emergency medical help was alerted', required: true },
    responseConfirmed: { type: 'boolean', label: 'The medical service confirmed it is responding', required: true },
  },
};

export const LOCATE_AND_ASSIST_FORM: FormSpec = {
  fields: {
    outcome: {
      type: 'enum',
      label: 'Outcome',
      required: true,
      // C4: the outreach unit "identified the victim's location, contacted and transferred her into a safe place"
      // (L6625-L6626); a person who does not want help is not pressed (inferred).
      options: ['found-and-safe', 'found-declined-help', 'not-found'],
    },
    safePlace: {
      type: 'enum',
      label: 'Safe place',
      options: ['shelter', 'ngo-accommodation', 'hospital', 'own-arrangement'],
      overlayOptions: true,
    },
    reachedOn: { type: 'date', label: 'Reached on' },
    personAgreesToReferral: {
      type: 'boolean',
      label: 'The person agrees to be referred for assistance, with only what the referral needs',
      required: true,
    },
    givenBy: GIVEN_BY,
    consentForm: CONSENT_FORM,
    note: NOTE,
  },
};

export const REFER_ON_FORM: FormSpec = {
  fields: {
    referral: {
      type: 'enum',
      label: 'Referral',
      required: true,
      // Ac.Sé's hotline refers victims to its shelters (L3899-L3900); other services are referred to outside (inferred).
      options: ['shelter-admission', 'other-service', 'none'],
      description: 'A shelter admission starts a linked case with only the fields below.',
    },
    placeRequestedBy: {
      type: 'enum',
      label: 'Who asks for the place',
      required: true,
      options: ['hotline', 'ngo', 'self'],
    },
    identificationStatus: {
      type: 'enum',
      label: 'Identification as a victim of trafficking',
      required: true,
      options: ['formally-identified', 'presumed', 'pending'],
    },
    note: NOTE,
  },
};

export const CLOSE_CONTACT_FORM: FormSpec = {
  fields: {
    callerInformed: {
      type: 'boolean',
      label: 'The caller was told what was done (nothing the person did not allow)',
      required: true,
    },
    followUpCallAgreed: { type: 'boolean', label: 'A follow-up call was agreed', required: true },
    note: NOTE,
  },
};

export const CONTACT_LOST_FORM: FormSpec = {
  fields: {
    lastContact: {
      type: 'enum',
      label: 'Last contact',
      required: true,
      options: ['call-dropped', 'no-answer', 'number-unavailable', 'caller-stopped'],
    },
    attempts: { type: 'integer', label: 'Attempts to reach again', required: true, min: 0, max: 50 },
    note: NOTE,
  },
};

export const PERSON_DECLINES_FORM: FormSpec = {
  fields: {
    reason: {
      type: 'enum',
      label: 'Reason',
      required: true,
      options: ['does-not-want-help', 'fear-of-reprisals', 'handled-by-family', 'other'],
    },
    note: NOTE,
  },
};
