import type { StepSpec } from '@waymark/contracts';
import {
  DEST_CASEWORKER,
  DEST_COORDINATOR,
  ORIGIN_CASEWORKER,
  CHILD_OFFICER,
  NOTE,
  PLACEMENTS,
} from './assisted-return.step-parts';

/** The authority that decides for a child (the best-interest decision, the approval of a stay; L7216-L7217). */
const DECIDING_AUTHORITY = {
  type: 'enum',
  label: 'Authority responsible for the child',
  options: ['youth-welfare-service', 'guardian', 'juvenile-court'],
  required: true,
} as const;
const DECISION_REFERENCE = {
  type: 'string',
  label: 'Reference of the decision',
  maxLength: 60,
  required: true,
} as const;

/** Phases A and B of the assisted return: the decision to return and consent, then the transnational referral. */
export const DECISION_AND_REFERRAL_STEPS: readonly StepSpec[] = [
  // Phase A: decision to return and consent (destination side).
  {
    id: 'assess-return-options',
    compartment: 'return',
    title: 'Assess the options with the person: return, third country or stay',
    actor: DEST_CASEWORKER,
    phase: 'decision-and-consent',
    target: 'P7D',
    pausesAgencyClock: true,
    seed: ['L5161', 'L6212', 'L7202-L7204', 'L7559-L7560', 'L7623'],
    description:
      'The return is voluntary and informed (L3753-L3754); staying in the destination country is examined too.',
    form: {
      fields: {
        option: {
          type: 'enum',
          label: 'Option the person chose',
          options: ['return-to-origin', 'return-to-third-country', 'stay-in-destination'],
          required: true,
        },
        informedOfOptionsAndRights: {
          type: 'boolean',
          label: 'Informed of assistance options and legal rights',
          required: true,
        },
        culturalMediatorInvolved: { type: 'boolean', label: 'A cultural mediator took part' },
        note: NOTE,
      },
    },
  },
  {
    id: 'record-consent',
    compartment: 'return',
    title: 'Record the consent to share data for the return',
    actor: DEST_CASEWORKER,
    phase: 'decision-and-consent',
    target: 'P7D',
    pausesAgencyClock: true,
    seed: ['L6242-L6245', 'L7399-L7401', 'L7649-L7650'],
    description: 'No referral data leaves the destination NGO before this step records consent.',
    form: {
      fields: {
        consentGiven: { type: 'boolean', label: 'Consent to exchange data with the return team', required: true },
        consentForm: {
          type: 'enum',
          label: 'How the decision was given',
          options: ['verbal', 'written'],
          required: true,
        },
        shareStory: { type: 'boolean', label: 'Scope: trafficking story', required: true },
        shareNeeds: { type: 'boolean', label: 'Scope: needs', required: true },
        shareRisks: { type: 'boolean', label: 'Scope: risks', required: true },
        sharePickUpDetails: { type: 'boolean', label: 'Scope: pick-up details for the origin NGO', required: true },
        withholdFromFamily: {
          type: 'boolean',
          label: 'The form of exploitation is not to be disclosed to the family',
          description: 'Only when the person asks for it (L6244-L6245).',
        },
        recordedOn: { type: 'date', label: 'Date recorded', required: true },
      },
    },
  },
  {
    id: 'record-best-interest-decision',
    compartment: 'protection',
    title: 'Record the best-interest decision of the authority responsible for a child who refused consent',
    actor: DEST_COORDINATOR,
    phase: 'decision-and-consent',
    target: 'P7D',
    seed: ['L7216-L7217', 'L7223-L7225', 'L7209', 'L7612'],
    form: {
      fields: {
        decidingAuthority: DECIDING_AUTHORITY,
        decision: { type: 'enum', label: 'Decision', options: ['proceed-in-best-interest', 'stop'], required: true },
        decisionReference: DECISION_REFERENCE,
        note: NOTE,
      },
    },
  },
  {
    id: 'approve-child-stay',
    compartment: 'protection',
    title: 'Record the approval of the authority responsible for a child who chose to stay',
    actor: DEST_COORDINATOR,
    phase: 'decision-and-consent',
    target: 'P7D',
    seed: ['L7216-L7217', 'L7223-L7225', 'inferred'],
    description:
      'A decision that changes where a child lives waits for the guardian or the youth welfare service (L7216-L7217, ' +
      'L7223-L7225). That a stay needs the same approval as a return is inferred; the target is inferred.',
    form: {
      fields: {
        decidingAuthority: DECIDING_AUTHORITY,
        decision: {
          type: 'enum',
          label: 'Decision',
          options: ['approve-stay', 'reconsider-options'],
          required: true,
          description: 'Reconsidering sends the case back to the options with the child.',
        },
        decisionReference: DECISION_REFERENCE,
        note: NOTE,
      },
    },
  },
  // Phase B: transnational referral and origin-side checks.
  {
    id: 'refer-to-origin',
    compartment: 'return',
    title: 'Refer the case to the origin-country NGO',
    actor: DEST_CASEWORKER,
    phase: 'referral',
    target: 'P2D',
    requiresConsent: { purpose: 'sharing', withSlot: 'origin-ngo', scope: ['identity'] },
    seed: ['L6211', 'L6265', 'L6269', 'L4143', 'L1887-L1888'],
    description:
      'At least one month before the planned return (L6269); otherwise the coordinator re-plans or confirms.',
    form: {
      fields: {
        channel: {
          type: 'enum',
          label: 'Channel',
          options: ['email', 'phone', 'secure-platform', 'official-letter'],
          required: true,
        },
        dataFormat: {
          type: 'enum',
          label: 'Case data format',
          options: ['iom-case-data', 'own-case-file'],
          required: true,
        },
        personReferredBy: {
          type: 'enum',
          label: 'How the person is named in the referral',
          options: ['case-code', 'initials'],
          required: true,
        },
        singleContactPerson: { type: 'boolean', label: 'One contact person named per agency', required: true },
        note: NOTE,
      },
    },
  },
  {
    id: 'replan-return-date',
    compartment: 'return',
    title: 'Late referral: re-plan the return date or confirm it',
    actor: DEST_COORDINATOR,
    phase: 'referral',
    target: 'P2D',
    seed: ['L6269', 'inferred'],
    description: 'Opened when the referral was sent less than 30 days before the planned return. Inferred escalation.',
    form: {
      fields: {
        decision: { type: 'enum', label: 'Decision', options: ['replan', 'confirm-date'], required: true },
        newPlannedReturnDate: { type: 'date', label: 'New planned return date (when re-planning)' },
        reason: { type: 'text', label: 'Reason (no names)', maxLength: 500, required: true, personal: true },
      },
    },
  },
  {
    id: 'origin-social-enquiry',
    compartment: 'protection',
    title: 'Request the social enquiry and family assessment; translate and forward them',
    actor: ORIGIN_CASEWORKER,
    phase: 'origin-assessment',
    target: 'P30D',
    seed: ['L6219-L6221', 'L6223', 'L5158', 'L6170-L6171'],
    form: {
      fields: {
        enquiryRequestedVia: {
          type: 'enum',
          label: 'Enquiry requested through',
          options: ['national-anti-trafficking-agency', 'social-assistance-department', 'child-protection-directorate'],
          required: true,
        },
        familyTracing: {
          type: 'enum',
          label: 'Family tracing',
          options: ['traced-and-contacted', 'traced-not-contacted', 'not-traced'],
          required: true,
        },
        familySituation: {
          type: 'enum',
          label: 'Family situation',
          options: [
            'supportive',
            'supportive-insufficient-resources',
            'unsupportive',
            'threatened-by-network',
            'unknown',
          ],
          required: true,
        },
        translatedAndForwarded: {
          type: 'boolean',
          label: 'Enquiry translated and sent to the destination NGO',
          required: true,
        },
        note: NOTE,
      },
    },
  },
  {
    id: 'assess-return-risk',
    compartment: 'protection',
    title: 'Risk and needs assessment before return',
    actor: ORIGIN_CASEWORKER,
    phase: 'origin-assessment',
    target: 'P7D',
    seed: ['L6266-L6267', 'L5162', 'L5205-L5206', 'L3752-L3754', 'L6213-L6218', 'L7625-L7626'],
    description: 'The Risk Assessment Form items (L6266-L6267). No travel is booked before it is completed.',
    form: {
      fields: {
        physicalHealth: {
          type: 'enum',
          label: 'Physical health',
          options: ['no-concern', 'some-concern', 'serious-concern'],
          required: true,
        },
        emotionalState: {
          type: 'enum',
          label: 'Emotional state',
          options: ['stable', 'fragile', 'crisis'],
          required: true,
        },
        riskFromFamily: {
          type: 'enum',
          label: 'Risk from the family',
          options: ['none', 'low', 'medium', 'high'],
          required: true,
        },
        riskFromNetwork: {
          type: 'enum',
          label: 'Risk from the trafficking network',
          options: ['none', 'low', 'medium', 'high'],
          required: true,
        },
        riskBehaviours: {
          type: 'enum',
          label: 'History of risk behaviours (drug abuse, suicide attempts, self-mutilation)',
          options: ['none', 'past', 'current'],
          required: true,
        },
        overallRisk: { type: 'enum', label: 'Overall risk', options: ['low', 'medium', 'high'], required: true },
        familyReturnSafe: { type: 'boolean', label: 'Return to the family is safe', required: true },
        returnAdvisable: { type: 'boolean', label: 'A return can go ahead', required: true },
        assessedOn: { type: 'date', label: 'Assessed on', required: true },
      },
    },
  },
  {
    id: 'draft-reintegration-plan',
    compartment: 'protection',
    title: 'Draft the individual reintegration plan with the person and the destination NGO',
    actor: ORIGIN_CASEWORKER,
    phase: 'origin-assessment',
    target: 'P14D',
    seed: ['L6174', 'L7562', 'L6254', 'L5193-L5194', 'L5207-L5208', 'L6225-L6228', 'L5257'],
    form: {
      fields: {
        agreedWithPerson: { type: 'boolean', label: 'The person agreed to the plan', required: true },
        destinationInputsReceived: { type: 'boolean', label: 'Inputs of the destination NGO included', required: true },
        placementOnArrival: { type: 'enum', label: 'Placement on arrival', options: PLACEMENTS, required: true },
        residentialWeeks: { type: 'integer', label: 'Residential phase (weeks)', min: 0, max: 26, required: true },
        counsellingPerWeek: { type: 'integer', label: 'Counselling sessions per week afterwards', min: 0, max: 7 },
        vocationalSupport: { type: 'boolean', label: 'Vocational counselling and job search' },
        familyMediation: { type: 'boolean', label: 'Family mediation' },
        monitoringMonths: {
          type: 'integer',
          label: 'Monitoring horizon (months)',
          min: 1,
          max: 36,
          required: true,
          description: 'The programme can run for up to 3 years (L5257); one follow-up report a month (L5198).',
        },
      },
    },
  },
  // Child branch (C11): the origin authority decides before any return (L1889-L1891).
  {
    id: 'assess-child-family',
    compartment: 'protection',
    title: 'Child-protection social investigation on the family',
    actor: CHILD_OFFICER,
    phase: 'child-protection',
    target: 'P30D',
    seed: ['L7605', 'L7619', 'L7623-L7626', 'L7602-L7603'],
    form: {
      fields: {
        familyInvestigated: { type: 'boolean', label: 'Family background investigated', required: true },
        familyCanReceiveChild: {
          type: 'enum',
          label: 'Family can receive the child',
          options: ['yes', 'not-yet', 'no'],
          required: true,
        },
        recommendedPlacement: {
          type: 'enum',
          label: 'Recommended placement',
          options: ['family', 'ngo-youth-flat', 'residential-care', 'foster-care'],
          required: true,
        },
        custody: {
          type: 'enum',
          label: 'Custody',
          options: ['parents-hold-custody', 'custody-suspended', 'guardian-appointed'],
          required: true,
        },
        note: NOTE,
      },
    },
  },
  {
    id: 'approve-child-return',
    compartment: 'protection',
    title: 'Responsible authority approves or refuses the return of the child',
    actor: CHILD_OFFICER,
    phase: 'child-protection',
    target: 'P14D',
    seed: ['L1889-L1891', 'L5128-L5131', 'L7645-L7646', 'L7626-L7627'],
    form: {
      fields: {
        decision: { type: 'enum', label: 'Decision', options: ['approved', 'refused'], required: true },
        legalBasis: { type: 'string', label: 'Legal basis (e.g. GD 1443/2004)', maxLength: 120, required: true },
        decisionReference: DECISION_REFERENCE,
        childAgreesToPlacement: { type: 'boolean', label: 'The child agreed to the placement', required: true },
      },
    },
  },
];
