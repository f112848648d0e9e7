import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];
export const POLICE_ROLES = ['police-officer', 'police-coordinator'] as const;
export const NGO_ROLES = ['ngo-professional', 'ngo-coordinator'] as const;

/**
 * The police–NGO joint operation's access rules (P15), declared beside the SOP and read through its declaration (`access`). The API builds the one
 * access policy it enforces and serves from every SOP's rules (`buildAccessPolicy`, libs/contracts/src/policy.ts).
 */
export const JOINT_OPERATION_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'joint-shared-operation',
    effect: 'allow',
    compartments: ['intake', 'inspection', 'identity'],
    agencyKinds: ['police', 'ngo'],
    roles: [...POLICE_ROLES, ...NGO_ROLES],
    access: RW,
    text: 'Police and NGO plan the operation together, share the operation record and court dates, and identify persons together.',
    seed: ['L2220-L2228', 'L5582'],
  },
  {
    id: 'joint-ngo-protection',
    effect: 'allow',
    compartments: ['protection'],
    agencyKinds: ['ngo'],
    roles: NGO_ROLES,
    access: RW,
    text: 'NGO professionals keep rights information, counselling, the assistance decision and risk assessments.',
    seed: ['L2228-L2234', 'L5590'],
  },
  {
    id: 'joint-police-never-reads-protection',
    effect: 'deny',
    compartments: ['protection'],
    agencyKinds: ['police'],
    roles: '*',
    access: RW,
    text: 'The police never read NGO counselling notes; assistance does not depend on cooperating with them.',
    seed: ['L2228-L2234', 'L3575-L3576'],
  },
];
