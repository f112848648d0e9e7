import type { FormSpec } from '@waymark/contracts';

/** Actors, shared fields and the booking form the assisted-return steps have in common (assisted-return.steps.ts). */

export const DEST_CASEWORKER = { slot: 'destination-ngo', roles: ['ngo-caseworker'] } as const;
export const DEST_COORDINATOR = { slot: 'destination-ngo', roles: ['ngo-coordinator'] } as const;
export const ORIGIN_CASEWORKER = { slot: 'origin-ngo', roles: ['ngo-caseworker'] } as const;
export const CHILD_OFFICER = { slot: 'child-authority', roles: ['child-protection-officer'] } as const;
export const RETURN_OFFICER = { slot: 'return-agency', roles: ['return-officer'] } as const;

export const NOTE = {
  type: 'text',
  label: 'Short note (codes only, no names)',
  maxLength: 1000,
  personal: true,
} as const;
export const PLACEMENTS = ['family', 'ngo-shelter', 'transit-shelter', 'youth-flat', 'independent-housing'] as const;

export const BOOKING_FORM: FormSpec = {
  fields: {
    departureDate: {
      type: 'date',
      label: 'Departure date',
      required: true,
      // Not after the travel document expires nor after the medical limit on travel (data deadlines of the SOP).
      notAfter: ['travel-document-expiry', 'travel-limit'],
    },
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
