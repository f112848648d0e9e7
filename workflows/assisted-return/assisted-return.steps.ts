import type { FormSpec, StepSpec } from '@waymark/contracts';

/**
 * The steps of the assisted voluntary return, phases A–H of the catalogue (§1.3): C1 + P12 (ADPARE) as the backbone,
 * C11 (Mitternachtsmission Heilbronn, child) for the child branch and destination logistics, C3 (Ac.Sé) for documents
 * and the return agency. Forms hold codes, decisions and counts, never names: the person is `P1` within the case, and
 * partners use a code or initials (seed L2986-L2987, L7666-L7667).
 */

const DEST_CASEWORKER = { slot: 'destination-ngo', roles: ['ngo-caseworker'] } as const;
const DEST_COORDINATOR = { slot: 'destination-ngo', roles: ['ngo-coordinator'] } as const;
const ORIGIN_CASEWORKER = { slot: 'origin-ngo', roles: ['ngo-caseworker'] } as const;
const CHILD_OFFICER = { slot: 'child-authority', roles: ['child-protection-officer'] } as const;
const RETURN_OFFICER = { slot: 'return-agency', roles: ['return-officer'] } as const;

const NOTE = { type: 'text', label: 'Short note (codes only, no names)', maxLength: 1000, personal: true } as const;
const PLACEMENTS = ['family', 'ngo-shelter', 'transit-shelter', 'youth-flat', 'independent-housing'] as const;

const BOOKING_FORM: FormSpec = {
  fields: {
    departureDate: { type: 'date', label: 'Departure date', required: true },
    travelMode: { type: 'enum', label: 'Means of travel', options: ['flight', 'train', 'bus', 'car'], required: true },
    escort: {
      type: 'enum',
      label: 'Escort',
      options: ['return-agency-escort', 'ngo-escort', 'police-border-handover', 'none'],
      required: true,
      description: 'Vulnerable persons travel escorted (seed L2657-L2658, L7630-L7631).',
    },
    fundedBy: {
      type: 'enum',
      label: 'Who pays the journey',
      options: ['iom-reag', 'national-return-programme', 'destination-ngo', 'origin-ngo', 'public-fund', 'other'],
      required: true,
    },
    note: NOTE,
  },
};

export const ASSISTED_RETURN_STEPS: readonly StepSpec[] = [
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
        decidingAuthority: {
          type: 'enum',
          label: 'Authority responsible for the child',
          options: ['youth-welfare-service', 'guardian', 'juvenile-court'],
          required: true,
        },
        decision: { type: 'enum', label: 'Decision', options: ['proceed-in-best-interest', 'stop'], required: true },
        decisionReference: { type: 'string', label: 'Reference of the decision', maxLength: 60, required: true },
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
        decisionReference: { type: 'string', label: 'Reference of the decision', maxLength: 60, required: true },
        childAgreesToPlacement: { type: 'boolean', label: 'The child agreed to the placement', required: true },
      },
    },
  },
  // Phase C: pre-departure assistance (runs alongside B, D and E).
  {
    id: 'prepare-person-for-return',
    compartment: 'return',
    title: 'Pre-departure assistance: counselling, protection while waiting, information',
    actor: DEST_CASEWORKER,
    phase: 'pre-departure',
    target: 'P30D',
    seed: ['L6239-L6241', 'L5156-L5160', 'L4144-L4145', 'L6514-L6515', 'L6523', 'L6530'],
    form: {
      fields: {
        phoneSessionsWithOriginNgo: {
          type: 'integer',
          label: 'Phone sessions held with the origin NGO',
          min: 0,
          max: 200,
          required: true,
        },
        optionsAndRightsExplained: {
          type: 'boolean',
          label: 'Options, rights and procedure explained',
          required: true,
        },
        coverStoryPrepared: { type: 'boolean', label: 'Account for the family prepared (where asked)' },
        protectionWhileWaiting: {
          type: 'enum',
          label: 'Protection while waiting',
          options: ['not-needed', 'secret-accommodation', 'shelter', 'police-protection'],
          required: true,
        },
        testimonyDecision: {
          type: 'enum',
          label: 'Testimony (the return does not depend on it)',
          options: ['not-asked', 'will-testify', 'declined', 'undecided'],
          required: true,
        },
      },
    },
  },
  // Phase D: identity and travel documents (the consulate reports `travel-document-issued`).
  {
    id: 'request-travel-documents',
    compartment: 'identity',
    title: 'Request the travel documents from the consulate',
    actor: DEST_CASEWORKER,
    phase: 'documents',
    target: 'P2D',
    requiresConsent: { purpose: 'sharing', withSlot: 'consulate', scope: ['identity'] },
    seed: ['L6513', 'L7628-L7629', 'L6631', 'L7484', 'L7565', 'L7745-L7746'],
    form: {
      fields: {
        documentNeeded: {
          type: 'enum',
          label: 'Document needed',
          options: ['none-valid-passport-held', 'passport', 'temporary-passport', 'travel-document', 'id-card'],
          required: true,
        },
        papersRequested: {
          type: 'string-list',
          label: 'Papers the consulate asked for (codes)',
          maxLength: 60,
          description: 'List what each authority requires, so the request is not held up (L6676-L6679).',
        },
      },
    },
  },
  {
    id: 'chase-travel-document',
    compartment: 'return',
    title: 'Consular delay: chase the travel document',
    actor: DEST_COORDINATOR,
    phase: 'documents',
    target: 'P2D',
    seed: ['L6520-L6522', 'L6607-L6609', 'L6643-L6644', 'L6676-L6679', 'L2875-L2879', 'inferred'],
    description: 'Opened when no document was reported 14 days after the request (the period is inferred).',
    form: {
      fields: {
        action: {
          type: 'enum',
          label: 'Action taken',
          options: [
            'contacted-consulate',
            'mediated-via-origin-ngo',
            'supplied-missing-police-document',
            'asked-civil-registry',
          ],
          required: true,
        },
        note: NOTE,
      },
    },
  },
  // Phase E: return agency, funding and booking.
  {
    id: 'assess-return-case',
    compartment: 'return',
    title: 'Return agency assesses the case',
    actor: RETURN_OFFICER,
    phase: 'return-logistics',
    target: 'P14D',
    requiresConsent: { purpose: 'sharing', withSlot: 'return-agency', scope: ['identity', 'travel'] },
    seed: ['L6510-L6512', 'L7629', 'L7341-L7342', 'L7353-L7354'],
    form: {
      fields: {
        decision: { type: 'enum', label: 'Decision', options: ['accepted', 'refused'], required: true },
        programme: {
          type: 'enum',
          label: 'Programme',
          options: ['reag', 'national-return-programme', 'other'],
          required: true,
        },
        assessedBy: {
          type: 'enum',
          label: 'Assessed by',
          options: ['file-review', 'phone-interview', 'in-person-interview'],
          required: true,
        },
        arrivalSupport: { type: 'boolean', label: 'Support at arrival arranged with the origin office' },
        refusalReason: {
          type: 'enum',
          label: 'Reason for refusal',
          options: ['criteria-not-met', 'no-funds', 'other'],
        },
      },
    },
  },
  {
    id: 'choose-return-route',
    compartment: 'return',
    title: 'Return agency refused: organise the return through the NGOs or stop',
    actor: DEST_COORDINATOR,
    phase: 'return-logistics',
    target: 'P7D',
    seed: ['L6646', 'L7092-L7093', 'L7355', 'L7370'],
    form: {
      fields: {
        route: { type: 'enum', label: 'Route', options: ['ngo-organised-return', 'stop-return'], required: true },
        note: NOTE,
      },
    },
  },
  {
    id: 'book-travel',
    compartment: 'return',
    title: 'Book and fund the journey',
    actor: RETURN_OFFICER,
    phase: 'return-logistics',
    target: 'P7D',
    seed: ['L6515-L6516', 'L7629-L7631', 'L7616', 'L7344-L7345', 'L3752-L3754'],
    description:
      'Opens only after the risk assessment, the reintegration plan, the documents and (for a child) the approval.',
    form: BOOKING_FORM,
  },
  {
    id: 'book-travel-ngo',
    compartment: 'return',
    title: 'Book and fund the journey (NGO route)',
    actor: DEST_COORDINATOR,
    phase: 'return-logistics',
    target: 'P7D',
    seed: ['L6646', 'L6801-L6802', 'L7488', 'L3752-L3754'],
    form: BOOKING_FORM,
  },
  {
    id: 'arrange-reception',
    compartment: 'return',
    title: 'Arrange the reception on arrival',
    actor: ORIGIN_CASEWORKER,
    phase: 'return-logistics',
    target: 'P3D',
    requiresConsent: { purpose: 'sharing', withSlot: 'origin-ngo', scope: ['travel'] },
    seed: ['L6221-L6222', 'L5176-L5177', 'L7400-L7401', 'L6232', 'L1887-L1888'],
    form: {
      fields: {
        pickUpPoint: {
          type: 'enum',
          label: 'Pick-up point',
          options: ['airport', 'train-station', 'bus-station', 'border-crossing'],
          required: true,
        },
        receivingTeam: {
          type: 'enum',
          label: 'Receiving team',
          options: ['origin-ngo', 'origin-ngo-and-national-agency', 'iom-origin', 'police-and-origin-ngo'],
          required: true,
        },
        placement: { type: 'enum', label: 'Placement on arrival', options: PLACEMENTS, required: true },
        familyPoliceProtection: { type: 'boolean', label: 'Police protection for the family requested' },
      },
    },
  },
  // Phase F: departure and arrival.
  {
    id: 'confirm-departure',
    compartment: 'return',
    title: 'Confirm the escorted departure',
    actor: DEST_CASEWORKER,
    phase: 'departure-and-arrival',
    target: 'P1D',
    seed: ['L7630-L7633', 'L7740', 'L7094-L7095'],
    form: {
      fields: {
        departedOn: { type: 'date', label: 'Departed on', required: true },
        documentsHandedOver: { type: 'boolean', label: 'Travel documents handed over', required: true },
        lawEnforcementInformed: { type: 'boolean', label: 'Police told the travel data for protection' },
        borderPoliceNotified: {
          type: 'enum',
          label: 'Border police notified (child cases)',
          options: ['notified', 'not-required'],
          required: true,
        },
      },
    },
  },
  {
    id: 'confirm-safe-arrival',
    compartment: 'return',
    title: 'Confirm safe arrival to the destination NGO',
    actor: ORIGIN_CASEWORKER,
    phase: 'departure-and-arrival',
    target: 'P1D',
    seed: ['L7633-L7634', 'L6517-L6518', 'L7631'],
    form: {
      fields: {
        arrivedOn: { type: 'date', label: 'Arrived on', required: true },
        receivedBy: {
          type: 'enum',
          label: 'Received by',
          options: ['origin-ngo', 'origin-ngo-and-national-agency', 'iom-origin', 'police-and-origin-ngo'],
          required: true,
        },
        placedIn: { type: 'enum', label: 'Placed in', options: PLACEMENTS, required: true },
      },
    },
  },
  // Phases G and H: reintegration monitoring, in the monitoring child workflow (person P1).
  {
    id: 'follow-up-report',
    compartment: 'return',
    title: 'Follow-up report to the destination NGO',
    actor: ORIGIN_CASEWORKER,
    phase: 'monitoring',
    perPerson: true,
    recurs: 'P30D',
    target: 'P7D',
    seed: ['L5198', 'L6233', 'L6253', 'L5209', 'L4148-L4151', 'L6231', 'L6234'],
    description:
      'An initial report on arrival, then one a month up to the horizon of the plan (at most 3 years, L5257).',
    form: {
      fields: {
        contact: {
          type: 'enum',
          label: 'Contact this month',
          options: ['in-person', 'phone', 'home-visit', 'through-family', 'no-contact'],
          required: true,
        },
        assistancePhase: {
          type: 'enum',
          label: 'Assistance phase',
          options: ['residential', 'non-residential', 'case-management'],
          required: true,
        },
        livingSituation: {
          type: 'enum',
          label: 'Living situation',
          options: [...PLACEMENTS, 'unknown'],
          required: true,
        },
        riskChange: {
          type: 'enum',
          label: 'Risk since last report',
          options: ['unchanged', 'increased', 'decreased'],
          required: true,
        },
        services: {
          type: 'string-list',
          label: 'Services this month (codes: psychological, medical, legal, education, vocational, financial, family)',
          maxLength: 40,
        },
        courtProceedingsPending: { type: 'boolean', label: 'Court proceedings pending in the destination country' },
        recommendClosure: { type: 'boolean', label: 'Recommend closing the monitoring now', required: true },
        note: NOTE,
      },
    },
  },
  {
    id: 'close-monitoring',
    compartment: 'return',
    title: 'Final case evaluation and closure',
    actor: ORIGIN_CASEWORKER,
    phase: 'monitoring',
    perPerson: true,
    target: 'P14D',
    seed: ['L7110', 'L5209', 'L5257'],
    form: {
      fields: {
        closureReason: {
          type: 'enum',
          label: 'Reason for closing',
          options: [
            'horizon-reached',
            'reintegration-achieved',
            'person-ended-assistance',
            'contact-lost',
            'moved-away',
          ],
          required: true,
        },
        outcome: {
          type: 'enum',
          label: 'Outcome',
          options: ['reintegrated', 'partially-reintegrated', 'not-reintegrated'],
          required: true,
        },
        finalReportSent: {
          type: 'boolean',
          label: 'Final narrative report sent to the destination NGO',
          required: true,
        },
      },
    },
  },
];
