import type { SopDefinition } from '@waymark/contracts';
import { ASSISTED_RETURN_ACCESS } from './assisted-return.policy';
import { ASSISTED_RETURN_DEADLINES } from './assisted-return.deadlines';
import { ASSISTED_RETURN_STEPS } from './assisted-return.steps';

const DEST_STAFF = { slot: 'destination-ngo', roles: ['ngo-caseworker', 'ngo-coordinator'] } as const;
const ORIGIN_STAFF = { slot: 'origin-ngo', roles: ['ngo-caseworker'] } as const;

// Steps that may start as soon as the referral is out; the booking waits for all of them (and the child approval).
const AFTER_REFERRAL = [
  'origin-social-enquiry',
  'request-travel-documents',
  'assess-return-case',
  'prepare-person-for-return',
];
const BOOKING_JOIN = 'join: risk assessment, plan (and child approval), documents, preparation, agency decision';

/**
 * SOP-3 of the catalogue (§1.3): assisted voluntary return from the destination country to the origin country (or a
 * third country), from the person's decision to the end of reintegration monitoring.
 */
export const ASSISTED_RETURN_SOP: SopDefinition = {
  id: 'assisted-return',
  version: 1,
  title: 'Assisted voluntary return',
  summary:
    'A destination NGO and an origin NGO prepare a voluntary, informed and safe return: consent before any data leaves, ' +
    'referral at least a month ahead, risk assessment and reintegration plan before booking, the origin child-protection ' +
    'authority for a child, safe arrival confirmed, then monthly follow-up reports for up to three years.',
  seed: ['L6110-L6271', 'L5093-L5288', 'L7511-L7694', 'L6407-L6549', 'L3751-L3754'],
  workflowType: 'assistedReturnWorkflow',
  // Who reads and writes which compartment of this SOP's cases: assisted-return.policy.ts.
  access: ASSISTED_RETURN_ACCESS,
  // The destination NGO is the case manager (L6241-L6245).
  lead: { slot: 'destination-ngo', coordinatorRoles: ['ngo-coordinator'] },
  participants: {
    'destination-ngo': { kind: 'ngo', label: 'Destination-country NGO (case manager)', defaultAgency: 'mh-heilbronn' },
    // Often found only once the person has decided: the partner NGO the case is referred to (L6211, L7083-L7084).
    'origin-ngo': {
      kind: 'ngo',
      label: 'Origin-country NGO (receiving provider)',
      defaultAgency: 'adpare',
      changeable: { seed: ['L6211', 'L7083-L7084'] },
      // Learns of the case only once the person consents to share with it, or a step waits for it (L6243-L6245,
      // L7399-L7401: no personal data passed on unless the person requires it and only upon consent).
      hiddenUntilConsent: { seed: ['L6243-L6245', 'L7399-L7401'] },
    },
    consulate: {
      kind: 'consulate',
      label: 'Consulate of the country of return',
      defaultAgency: 'ro-consulate-stuttgart',
      // Learns of the case only once the person consents to share with it, or a step waits for it (L6243-L6245,
      // L7399-L7401: no personal data passed on unless the person requires it and only upon consent).
      hiddenUntilConsent: { seed: ['L6243-L6245', 'L7399-L7401'] },
    },
    'return-agency': {
      kind: 'return-agency',
      alsoKinds: ['iom'],
      label: 'Return agency (IOM or national)',
      defaultAgency: 'iom-germany',
      // Another return programme takes over when one refuses (L7341-L7342, L7360-L7361; the hand-over is inferred).
      changeable: { seed: ['L7341-L7342', 'L7360-L7361', 'inferred'] },
    },
    // AgencyKind has no child-protection kind; the origin child-protection directorate is a public social service.
    'child-authority': {
      kind: 'municipality',
      label: 'Origin child-protection authority (child cases)',
      defaultAgency: 'ro-child-protection',
      // Its steps (assess-child-family, approve-child-return) run only for a child (seed L7216-L7217): an adult's
      // return never reaches it.
      onlyWhen: { field: 'isMinor', equals: true },
      // Not hidden until consent: the child's protection authority decides in the child's best interest even where
      // the child refuses (L7223-L7225, L7216-L7217), so it knows of the child's case from the start.
    },
  },
  intake: {
    fields: {
      isMinor: {
        type: 'boolean',
        label: 'The person is a child or presumed child',
        required: true,
        description: 'A presumed child is treated as a child (seed L7216-L7217).',
      },
      plannedReturnDate: { type: 'date', label: 'Planned return date', required: true, notBefore: 'today' },
      dateOfBirth: {
        type: 'date',
        label: 'Date of birth (where known)',
        description:
          'A child turning 18 ends the child-protection steps (the age-out deadline); often undisclosed (L7215).',
        personal: true,
        compartment: 'identity',
      },
      returnCountry: {
        type: 'string',
        format: 'country',
        label: 'Country of return (ISO 3166-1 alpha-2)',
        required: true,
      },
      hostCountry: { type: 'string', format: 'country', label: 'Country the person is in now (ISO 3166-1 alpha-2)' },
      // Anonymised statistics by age, gender and nationality (seed L3767-L3769); codes only.
      ageBand: {
        type: 'enum',
        label: 'Age band',
        options: ['0-13', '14-17', '18-24', '25-34', '35-49', '50-plus'],
        personal: true,
        compartment: 'identity',
      },
      gender: {
        type: 'enum',
        label: 'Gender',
        options: ['female', 'male', 'transgender', 'undisclosed'],
        personal: true,
        compartment: 'identity',
      },
      nationality: {
        type: 'string',
        format: 'country',
        label: 'Nationality (ISO 3166-1 alpha-2)',
        personal: true,
        compartment: 'identity',
      },
      referralSource: {
        type: 'enum',
        label: 'Who referred the person',
        options: ['police', 'ngo', 'iom', 'hotline', 'self', 'labour-inspection', 'other'],
      },
    },
  },
  intakeCompartment: 'intake',
  steps: ASSISTED_RETURN_STEPS,
  dataDeadlines: ASSISTED_RETURN_DEADLINES,
  events: [
    {
      type: 'travel-document-issued',
      compartment: 'identity',
      title: 'The consulate issued the travel document',
      reporters: [{ slot: 'consulate', roles: ['consular-officer'] }],
      seed: ['L6516-L6517', 'L7628-L7629', 'L6631', 'L7213-L7214', 'L7083'],
      form: {
        fields: {
          documentType: {
            type: 'enum',
            label: 'Document',
            options: ['passport', 'temporary-passport', 'travel-document', 'id-card'],
            required: true,
          },
          validUntil: { type: 'date', label: 'Valid until', required: true },
          identityConfirmedBy: {
            type: 'enum',
            label: 'Identity confirmed by',
            options: ['existing-documents', 'consular-interview', 'origin-ngo-tracing', 'civil-registry'],
            required: true,
          },
        },
      },
    },
    {
      type: 'person-withdrew',
      compartment: 'return',
      title: 'The person withdrew from the return',
      reporters: [DEST_STAFF, ORIGIN_STAFF],
      endsCaseAs: 'withdrawn',
      seed: ['L3753-L3754', 'L7339', 'L7362', 'L7376-L7377'],
      form: {
        fields: {
          reason: {
            type: 'enum',
            label: 'Reason',
            options: ['decided-to-stay', 'changed-mind', 'family-reasons', 'fear-of-retaliation', 'other'],
            required: true,
          },
        },
      },
    },
    {
      type: 'person-absconded',
      compartment: 'return',
      title: 'The person ran away',
      reporters: [DEST_STAFF, ORIGIN_STAFF],
      endsCaseAs: 'absconded',
      seed: ['L7204-L7205', 'L7219'],
      form: {
        fields: {
          lastContactOn: { type: 'date', label: 'Last contact on', required: true },
          reportedToPolice: { type: 'boolean', label: 'Reported to the police', required: true },
        },
      },
    },
    {
      type: 'third-country-refused',
      compartment: 'return',
      title: 'The third country refused to host the person',
      reporters: [DEST_STAFF],
      // C8: the third country refused, then "the victim decided to return to her home country" (L7202-L7205): the
      // options reopen; after three rounds the refusal ends the case.
      reopens: { step: 'assess-return-options', limit: 3, until: 'confirm-departure' },
      endsCaseAs: 'third-country-refused',
      onlyWhen: { step: 'assess-return-options', field: 'option', equals: 'return-to-third-country' },
      seed: ['L7202-L7204'],
      form: {
        fields: {
          reason: {
            type: 'enum',
            label: 'Reason',
            options: ['no-proof-of-residence', 'no-identity-proof', 'other'],
            required: true,
          },
        },
      },
    },
    {
      type: 'return-agency-refused',
      compartment: 'return',
      title: 'The return agency withdrew its support',
      reporters: [{ slot: 'return-agency', roles: ['return-officer'] }],
      endsCaseAs: 'return-agency-refused',
      seed: ['L7341-L7342', 'L7353-L7354', 'L7360-L7361'],
      description: 'A refusal at the first assessment goes to `choose-return-route` instead.',
      form: {
        fields: {
          reason: {
            type: 'enum',
            label: 'Reason',
            options: ['criteria-not-met', 'origin-office-refused', 'no-funds', 'other'],
            required: true,
          },
        },
      },
    },
    {
      type: 'person-changed-mind',
      compartment: 'return',
      title: 'The person changed their mind: the options are assessed again',
      reporters: [DEST_STAFF, ORIGIN_STAFF],
      // C9: "the victim kept changing her mind as to these options" (L7339); a decision is not final (L3753-L3754).
      reopens: { step: 'assess-return-options', limit: 3, until: 'confirm-departure' },
      seed: ['L7339', 'L3753-L3754'],
      description: 'Up to three rounds, until the departure; the lead decides how a case ends after that.',
      form: {
        fields: {
          reason: {
            type: 'enum',
            label: 'Reason',
            options: ['prefers-another-option', 'new-information', 'family-reasons', 'other'],
            required: true,
          },
        },
      },
    },
  ],
  rules: [
    {
      id: 'consent-before-referral',
      text: 'No referral data leaves the destination NGO before consent is recorded (or, for a child, a best-interest decision).',
      seed: ['L6242-L6243', 'L7399-L7401', 'L7649-L7650', 'L7223-L7225'],
    },
    {
      id: 'referral-one-month-ahead',
      text: 'The referral is sent at least 30 days before the planned return; otherwise a warning and an escalation.',
      seed: ['L6269'],
    },
    {
      id: 'assessed-before-booking',
      text: 'No travel is booked before a completed risk assessment and an agreed reintegration plan.',
      seed: ['L3752-L3754', 'L6266-L6267', 'L6174', 'L2654-L2655'],
    },
    {
      id: 'child-needs-origin-authority',
      text: 'A child returns only after the origin child-protection assessment and the approval of the responsible authority.',
      seed: ['L1889-L1891', 'L5128-L5131', 'L7605', 'L7623-L7625'],
    },
    {
      id: 'reception-before-departure',
      text: 'The person departs only once the origin NGO has arranged the reception.',
      seed: ['L1887-L1888', 'L2655-L2656', 'L5127-L5128'],
    },
    {
      id: 'codes-not-names',
      text: 'Forms and notes carry codes and decisions, never names; partners use a code or initials.',
      seed: ['L2986-L2987', 'L6532-L6533', 'L7666-L7667'],
    },
  ],
  transitions: [
    { from: 'start', to: 'assess-return-options' },
    { from: 'assess-return-options', to: 'stayed-in-destination', when: 'option = stay-in-destination (an adult)' },
    { from: 'assess-return-options', to: 'approve-child-stay', when: 'option = stay-in-destination (a child)' },
    { from: 'approve-child-stay', to: 'stayed-in-destination', when: 'decision = approve-stay' },
    { from: 'approve-child-stay', to: 'assess-return-options', when: 'decision = reconsider-options' },
    { from: 'assess-return-options', to: 'record-consent', when: 'return to origin or third country' },
    {
      from: 'refer-to-origin',
      to: 'assess-return-options',
      when: 'a route failed or the person changed their mind: new round, until departure',
    },
    { from: 'record-consent', to: 'refer-to-origin', when: 'consent given' },
    { from: 'record-consent', to: 'consent-refused', when: 'refused, adult' },
    { from: 'record-consent', to: 'record-best-interest-decision', when: 'refused, child' },
    { from: 'record-best-interest-decision', to: 'refer-to-origin', when: 'proceed-in-best-interest' },
    { from: 'record-best-interest-decision', to: 'consent-refused', when: 'stop' },
    { from: 'refer-to-origin', to: 'replan-return-date', when: 'less than 30 days before the planned return' },
    { from: 'replan-return-date', to: 'replan-return-date', when: 'new date still less than 30 days away' },
    ...AFTER_REFERRAL.map((to) => ({ from: 'refer-to-origin', to, when: 'referral in time' })),
    ...AFTER_REFERRAL.map((to) => ({ from: 'replan-return-date', to, when: 'date confirmed or re-planned' })),
    { from: 'refer-to-origin', to: 'assess-child-family', when: 'child' },
    { from: 'replan-return-date', to: 'assess-child-family', when: 'child' },
    { from: 'origin-social-enquiry', to: 'assess-return-risk' },
    { from: 'assess-return-risk', to: 'stayed-in-destination', when: 'return not advisable' },
    { from: 'assess-return-risk', to: 'draft-reintegration-plan', when: 'return advisable' },
    { from: 'draft-reintegration-plan', to: 'draft-reintegration-plan', when: 'not agreed with the person' },
    { from: 'draft-reintegration-plan', to: 'approve-child-return', when: 'child, family investigated' },
    { from: 'assess-child-family', to: 'approve-child-return', when: 'plan agreed' },
    { from: 'approve-child-return', to: 'child-return-not-approved', when: 'refused' },
    { from: 'request-travel-documents', to: 'chase-travel-document', when: 'no document 14 days after the request' },
    { from: 'chase-travel-document', to: 'chase-travel-document', when: 'still no document 14 days later' },
    { from: 'assess-return-case', to: 'choose-return-route', when: 'refused' },
    { from: 'choose-return-route', to: 'return-agency-refused', when: 'stop-return' },
    { from: 'assess-return-case', to: 'book-travel', when: `accepted; ${BOOKING_JOIN}` },
    { from: 'choose-return-route', to: 'book-travel-ngo', when: `ngo-organised-return; ${BOOKING_JOIN}` },
    { from: 'book-travel', to: 'arrange-reception' },
    { from: 'book-travel-ngo', to: 'arrange-reception' },
    { from: 'arrange-reception', to: 'confirm-departure' },
    { from: 'confirm-departure', to: 'confirm-safe-arrival' },
    { from: 'confirm-safe-arrival', to: 'follow-up-report', when: 'initial report on arrival' },
    { from: 'follow-up-report', to: 'follow-up-report', when: 'monthly until the horizon' },
    { from: 'follow-up-report', to: 'close-monitoring', when: 'horizon reached or closure recommended' },
    { from: 'close-monitoring', to: 'closed-after-monitoring' },
  ],
  endStates: [
    {
      id: 'closed-after-monitoring',
      description: 'Returned, received and monitored until the horizon or an earlier closure by the origin NGO.',
      seed: ['L6233', 'L5257', 'L7110'],
      personOutcome: 'returned',
    },
    {
      id: 'stayed-in-destination',
      description: 'The person chose to stay, or the risk assessment advised against any return (inferred).',
      seed: ['L5161', 'L7372-L7373'],
      personOutcome: 'stayed-in-destination',
    },
    {
      id: 'consent-refused',
      description:
        'No consent to share data (and, for a child, no best-interest decision to proceed): nothing was referred.',
      seed: ['L6242-L6243', 'L7223-L7225'],
      personOutcome: 'stayed-in-destination',
    },
    {
      id: 'child-return-not-approved',
      description: 'The origin child-protection authority did not approve the return of the child.',
      seed: ['L7605', 'L1889-L1891'],
      personOutcome: 'stayed-in-destination',
    },
    {
      id: 'withdrawn',
      description: 'The person withdrew from the return or the programme.',
      seed: ['L3753-L3754', 'L7362'],
      personOutcome: 'withdrawn',
    },
    {
      id: 'absconded',
      description: 'The person ran away before the return was completed.',
      seed: ['L7204-L7205', 'L7219'],
      personOutcome: 'absconded',
    },
    {
      id: 'third-country-refused',
      description: 'The third country refused to host the person.',
      seed: ['L7202-L7204'],
      personOutcome: 'stayed-in-destination',
    },
    {
      id: 'return-agency-refused',
      description: 'The return agency refused and no NGO route was taken.',
      seed: ['L7353-L7354', 'L7360-L7361'],
      personOutcome: 'stayed-in-destination',
    },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
