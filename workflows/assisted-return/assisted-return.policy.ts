import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];
const RETURN_NGO_ROLES = ['ngo-caseworker', 'ngo-coordinator'];

/**
 * The assisted voluntary return's access rules (C1 + P12, C3, C11), declared beside the SOP and read through its declaration (`access`). The API builds the one
 * access policy it enforces and serves from every SOP's rules (`buildAccessPolicy`, libs/contracts/src/policy.ts).
 */
export const ASSISTED_RETURN_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'return-intake-shared',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: '*',
    roles: '*',
    access: ['read'],
    text: 'Every agency taking part reads the intake: codes, dates and countries, no names.',
    seed: ['L6532-L6533', 'L7666-L7667'],
  },
  {
    id: 'return-destination-ngo',
    effect: 'allow',
    compartments: ['intake', 'identity', 'protection', 'return'],
    agencyKinds: ['ngo'],
    slots: ['destination-ngo'],
    roles: RETURN_NGO_ROLES,
    access: RW,
    text: 'The destination NGO manages the case and holds what the person told it.',
    seed: ['L6241-L6245'],
  },
  {
    id: 'return-partners-write',
    effect: 'allow',
    compartments: ['protection', 'return'],
    agencyKinds: ['ngo', 'return-agency', 'municipality'],
    slots: ['origin-ngo', 'return-agency', 'child-authority'],
    roles: ['ngo-caseworker', 'return-officer', 'child-protection-officer'],
    access: ['write'],
    text: 'The origin NGO, the return agency and the child-protection authority record their own assessments and logistics.',
    seed: ['L6110-L6271'],
  },
  {
    id: 'return-consulate-writes-identity',
    effect: 'allow',
    compartments: ['identity'],
    agencyKinds: ['consulate'],
    roles: ['consular-officer'],
    access: ['write'],
    text: 'The consulate confirms identity and issues the travel document.',
    seed: ['L6516-L6517', 'L7628-L7629'],
  },
  {
    id: 'return-care-partners-read-with-consent',
    effect: 'allow',
    compartments: ['identity', 'protection', 'return'],
    agencyKinds: ['ngo', 'municipality'],
    slots: ['origin-ngo', 'child-authority'],
    roles: ['ngo-caseworker', 'child-protection-officer'],
    access: ['read'],
    requiresConsent: { purpose: 'sharing' },
    text:
      'The origin NGO and the child-protection authority read identity, needs and risks, and the return only while ' +
      'the person consents to sharing that scope with them; a withdrawal stops it at once.',
    seed: ['L6242-L6245', 'L7223-L7225', 'L7399-L7401', 'L2986-L2988'],
  },
  {
    id: 'return-logistics-partners-read-with-consent',
    effect: 'allow',
    compartments: ['identity', 'return'],
    agencyKinds: ['consulate', 'return-agency'],
    roles: ['consular-officer', 'return-officer'],
    access: ['read'],
    requiresConsent: { purpose: 'sharing' },
    text:
      'The consulate and the return agency read identity and the return (never needs and risks) only while the ' +
      'person consents to sharing that scope with them; data is shared only with the stakeholders concerned.',
    seed: ['L6243-L6245', 'L7399-L7401', 'L6516-L6517'],
  },
];
