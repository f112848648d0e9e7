import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];
const NETWORK_ROLES = ['ngo-caseworker', 'ngo-coordinator'];
const SHELTER_ROLES = ['shelter-worker', 'ngo-professional'];

/**
 * Who reads and writes what in shelter admission and secure relocation. The location category (in `identity`) is
 * read by the shelter holding the person and, only while the person allows it, by the network coordinator: the
 * shelter's address is never made public (L6820-L6822). A shelter reads the risk assessment only under the person's
 * consent to share it with that shelter; a shelter replaced in the slot loses the case at once.
 */
export const SHELTER_ADMISSION_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'shelter-intake-shared',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: '*',
    roles: '*',
    access: ['read'],
    text: 'Every agency taking part reads the intake: who asks, the identification status, no names.',
    seed: ['L6820-L6821', 'L7366-L7367'],
  },
  {
    id: 'shelter-network-coordinates',
    effect: 'allow',
    compartments: ['intake', 'protection'],
    agencyKinds: ['ngo'],
    slots: ['network'],
    roles: NETWORK_ROLES,
    access: RW,
    text: 'The network coordinator assesses the risk, asks the shelters and plans the exit.',
    seed: ['L1563-L1567', 'L3897-L3899'],
  },
  {
    id: 'shelter-network-location-with-consent',
    effect: 'allow',
    compartments: ['identity'],
    agencyKinds: ['ngo'],
    slots: ['network'],
    roles: NETWORK_ROLES,
    access: ['read'],
    requiresConsent: { purpose: 'sharing' },
    text: 'The network coordinator knows where the person stays only while the person allows it.',
    seed: ['L6820-L6822'],
  },
  {
    id: 'shelter-holds-location',
    effect: 'allow',
    compartments: ['identity'],
    agencyKinds: ['shelter'],
    slots: ['shelter'],
    roles: SHELTER_ROLES,
    access: RW,
    text: 'The shelter holding the person records and reads where the person stays (a category, never the address).',
    seed: ['L6820-L6822', 'L6514'],
  },
  {
    id: 'shelter-writes-protection',
    effect: 'allow',
    compartments: ['protection'],
    agencyKinds: ['shelter'],
    slots: ['shelter'],
    roles: SHELTER_ROLES,
    access: ['write'],
    text: 'The shelter records its answer, the admission, the assessments and the exit.',
    seed: ['L5728-L5746'],
  },
  {
    id: 'shelter-reads-protection-with-consent',
    effect: 'allow',
    compartments: ['protection'],
    agencyKinds: ['shelter'],
    slots: ['shelter'],
    roles: SHELTER_ROLES,
    access: ['read'],
    requiresConsent: { purpose: 'sharing' },
    text: 'A shelter reads the risk assessment and the stay only while the person consents to share them with it.',
    seed: ['L6808-L6809', 'L7366-L7367', 'L6821-L6822'],
  },
];
