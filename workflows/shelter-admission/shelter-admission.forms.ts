import type { FormSpec } from '@waymark/contracts';

/**
 * Forms of the shelter admission and secure relocation SOP (catalogue T5 and T6). They hold codes, counts, dates,
 * categories and decisions: never a name, and never the shelter's address; where the person stays is a location
 * category kept in the `identity` compartment, which only the shelter reads and, where the person allows it, the
 * network (seed L6821-L6823).
 */

const SHORT_NOTE = { type: 'text', maxLength: 1000, personal: true } as const;
const RISK_TIERS = ['high', 'medium', 'low'] as const;

export const SHELTER_INTAKE_FORM: FormSpec = {
  fields: {
    referralSource: {
      type: 'enum',
      label: 'Who asks for the place',
      required: true,
      // The police refer identified women (L5728-L5729, L7295); the network's hotline takes referrals (L3899).
      options: ['police', 'ngo', 'hotline', 'self', 'other'],
    },
    identificationStatus: {
      type: 'enum',
      label: 'Identification as a victim of trafficking',
      required: true,
      options: ['formally-identified', 'presumed', 'pending'],
      description:
        'A presumed victim is admitted too: shelters refusing persons whose status is pending leave them on the street (L4108-L4109).',
    },
    isMinor: { type: 'boolean', label: 'The person is a child or presumed child', required: true },
    hostCountry: { type: 'string', format: 'country', label: 'Country the person is in (ISO 3166-1 alpha-2)' },
  },
};

export const ASSESS_RISK_FORM: FormSpec = {
  fields: {
    riskTier: {
      type: 'enum',
      label: 'Risk level',
      required: true,
      options: [...RISK_TIERS],
      description:
        'High risk needs a high-security shelter; low and medium risk a rehabilitation shelter (L7080-L7082).',
    },
    farFromExploitationArea: {
      type: 'boolean',
      label: 'The place must be far from the area of exploitation',
      required: true,
    },
    cannotShareLiving: { type: 'boolean', label: 'Cannot live with other residents (needs a special placement)' },
    medicalCare: { type: 'boolean', label: 'Needs medical care' },
    psychologicalSupport: { type: 'boolean', label: 'Needs psychological support' },
    assessedOn: { type: 'date', label: 'Assessed on', required: true },
    note: { ...SHORT_NOTE, label: 'Risk note (no names, no places)' },
  },
};

export const MATCH_SHELTER_FORM: FormSpec = {
  fields: {
    shelterTier: {
      type: 'enum',
      label: 'Kind of place sought',
      required: true,
      options: ['high-security-shelter', 'rehabilitation-shelter', 'special-placement'],
    },
    area: {
      type: 'enum',
      label: 'Where, seen from the area of exploitation',
      required: true,
      options: ['same-city', 'other-city', 'other-region'],
    },
    personConsentsToShare: {
      type: 'boolean',
      label: 'The person agrees that the risk assessment goes to the shelter in the shelter slot',
      required: true,
    },
    consentForm: { type: 'enum', label: 'Consent given', options: ['verbal', 'written'] },
  },
};

export const ANSWER_PLACE_REQUEST_FORM: FormSpec = {
  fields: {
    decision: { type: 'enum', label: 'Answer to the request', required: true, options: ['accepted', 'declined'] },
    declineReason: {
      type: 'enum',
      label: 'Why the shelter declines',
      options: ['no-place', 'wrong-risk-tier', 'needs-not-met', 'other'],
    },
    placesTotal: { type: 'integer', label: 'Places the shelter has', required: true, min: 0, max: 500 },
    placesFree: { type: 'integer', label: 'Places free today', required: true, min: 0, max: 500 },
  },
};

export const TRANSFER_FORM: FormSpec = {
  fields: {
    transferredOn: { type: 'date', label: 'Transferred on', required: true },
    escort: {
      type: 'enum',
      label: 'Escort',
      required: true,
      options: ['ngo-staff', 'shelter-staff', 'police-protection', 'none'],
    },
    farFromExploitationArea: {
      type: 'boolean',
      label: 'The place is far from the area of exploitation',
      required: true,
    },
  },
};

export const ADMIT_FORM: FormSpec = {
  fields: {
    houseRulesExplained: {
      type: 'boolean',
      label: 'House rules explained in a language the person understands',
      required: true,
    },
    outcome: { type: 'enum', label: 'Admission', required: true, options: ['admitted', 'person-declined-rules'] },
    admittedOn: { type: 'date', label: 'Admitted on' },
    locationCategory: {
      type: 'enum',
      label: 'Where the person stays (a category, never the address)',
      options: ['confidential-shelter', 'secret-flat', 'high-security-shelter', 'special-placement'],
      personal: true,
      // Only the shelter, and whom the person allows, read it (L6820-L6822, L6514).
      compartment: 'identity',
    },
    shareLocationWithNetwork: {
      type: 'boolean',
      label: 'The person allows the network coordinator to know the location category',
      required: true,
    },
    consentForm: { type: 'enum', label: 'Consent given', required: true, options: ['verbal', 'written'] },
  },
};

export const ASSESS_STAY_FORM: FormSpec = {
  fields: {
    psychologistSessionHeld: { type: 'boolean', label: 'The psychologist met the person', required: true },
    psychiatricReferral: { type: 'boolean', label: 'Referred to a psychiatrist', required: true },
    healthCheckOffered: {
      type: 'boolean',
      label: 'Health check-up offered (accompaniment only with consent)',
      required: true,
    },
    expectedStay: {
      type: 'enum',
      label: 'Expected length of stay',
      required: true,
      options: ['up-to-1-month', '1-to-3-months', '3-to-6-months', 'over-6-months'],
    },
    note: { ...SHORT_NOTE, label: 'Plan note' },
  },
};

export const INFORM_RIGHTS_FORM: FormSpec = {
  fields: {
    rightsExplained: {
      type: 'boolean',
      label: 'Rights explained (not to be deported, to a residence permit)',
      required: true,
    },
    residencePermit: {
      type: 'enum',
      label: 'Residence permit',
      required: true,
      options: ['applied', 'already-held', 'not-wanted', 'not-eligible'],
    },
    permitValidUntil: { type: 'date', label: 'Permit valid until' },
  },
};

export const PLAN_EXIT_FORM: FormSpec = {
  fields: {
    exitRoute: {
      type: 'enum',
      label: 'Exit route',
      required: true,
      options: ['assisted-return', 'independent-living', 'other-programme'],
    },
    plannedExitDate: { type: 'date', label: 'Planned exit date', required: true, notBefore: 'today' },
    returnCountry: { type: 'string', format: 'country', label: 'Country of return (ISO 3166-1 alpha-2)' },
    agreedWithPerson: { type: 'boolean', label: 'Agreed with the person', required: true },
  },
};

export const CONFIRM_EXIT_FORM: FormSpec = {
  fields: {
    outcome: {
      type: 'enum',
      label: 'How the stay ended',
      required: true,
      options: ['left-for-return', 'moved-to-independent-living', 'referred-to-other-programme', 'left-without-notice'],
    },
    exitedOn: { type: 'date', label: 'Left on', required: true },
    finalEvaluationDone: { type: 'boolean', label: 'Final case evaluation done', required: true },
  },
};

export const RELOCATION_FORM: FormSpec = {
  fields: {
    reason: {
      type: 'enum',
      label: 'Why the person must move',
      required: true,
      options: [
        'risk-increased',
        'location-compromised',
        'shelter-too-restrictive',
        'cannot-live-with-others',
        'needs-not-met',
        'other',
      ],
    },
    riskTier: { type: 'enum', label: 'Risk level now', options: [...RISK_TIERS] },
  },
};

export const LEFT_SHELTER_FORM: FormSpec = {
  fields: {
    lastContactOn: { type: 'date', label: 'Last contact on', required: true },
    reason: {
      type: 'enum',
      label: 'How',
      required: true,
      options: ['left-without-notice', 'decided-to-leave', 'other'],
    },
  },
};
