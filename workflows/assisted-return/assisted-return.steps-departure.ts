import type { StepSpec } from '@waymark/contracts';
import {
  DEST_CASEWORKER,
  DEST_COORDINATOR,
  ORIGIN_CASEWORKER,
  RETURN_OFFICER,
  NOTE,
  PLACEMENTS,
  BOOKING_FORM,
} from './assisted-return.step-parts';

/**
 * Phases C to H of the assisted return: pre-departure assistance, documents, booking, departure and arrival, then
 * reintegration monitoring.
 */
export const DEPARTURE_AND_MONITORING_STEPS: readonly StepSpec[] = [
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
        fitToTravelUntil: {
          type: 'date',
          label: 'Medically fit to travel until (where a limit applies)',
          description:
            'E.g. airlines do not fly women over seven months pregnant (seed L7344-L7345): the travel-limit deadline.',
          personal: true,
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
        departedOn: {
          type: 'date',
          label: 'Departed on',
          required: true,
          notAfter: ['travel-document-expiry', 'travel-limit'],
        },
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
