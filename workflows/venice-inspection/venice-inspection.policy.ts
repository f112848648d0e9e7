import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];
/** Roles acting in Venice's inspection phase and in its protection phase (venice-inspection.sop.ts). */
const VENICE_INSPECTION_ROLES = ['labour-inspector', 'police-officer', 'cultural-mediator'];
const VENICE_PROTECTION_ROLES = ['coordinator', 'social-worker', 'protection-officer', 'shelter-worker'];

/**
 * The Venice crisis-and-assessment inspection's access rules (P6), declared beside the SOP and read through its declaration (`access`). The API builds the one
 * access policy it enforces and serves from every SOP's rules (`buildAccessPolicy`, libs/contracts/src/policy.ts).
 */
export const VENICE_INSPECTION_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'venice-intake-shared',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: '*',
    roles: '*',
    access: ['read'],
    text: 'Every agency taking part reads the signal and the joint plan.',
    seed: ['L4403-L4406', 'L1610-L1612'],
  },
  {
    id: 'venice-intake-planners',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: ['municipality', 'labour-inspectorate', 'police'],
    roles: ['coordinator', 'labour-inspector', 'police-officer'],
    access: ['write'],
    text: 'The Unit, the Inspectorate and law enforcement plan the inspection together.',
    seed: ['L4403-L4406'],
  },
  {
    id: 'venice-inspection-team',
    effect: 'allow',
    compartments: ['inspection'],
    agencyKinds: ['labour-inspectorate', 'police', 'municipality'],
    roles: VENICE_INSPECTION_ROLES,
    access: RW,
    text: 'Inspectors, officers and the cultural mediator keep the inspection record.',
    seed: ['L4406-L4410', 'L1612-L1614'],
  },
  {
    id: 'venice-protection-team',
    effect: 'allow',
    compartments: ['protection', 'identity'],
    agencyKinds: ['municipality', 'shelter'],
    roles: VENICE_PROTECTION_ROLES,
    access: RW,
    text:
      'The municipal team, social protection staff, territorial social services and the child shelter keep the ' +
      'protection record and know the person by name; a name tied to the programme never reaches the inspection.',
    seed: ['L4409-L4416', 'L1614-L1618'],
  },
  {
    id: 'venice-inspection-never-reads-protection',
    effect: 'deny',
    compartments: ['protection', 'identity'],
    agencyKinds: '*',
    roles: VENICE_INSPECTION_ROLES,
    access: RW,
    text: 'Inspection roles neither read nor write protection data: the two parts are kept separate.',
    seed: ['L1618-L1621'],
  },
  {
    id: 'venice-protection-never-reads-inspection',
    effect: 'deny',
    compartments: ['inspection'],
    agencyKinds: '*',
    roles: VENICE_PROTECTION_ROLES,
    access: RW,
    text: 'Protection roles neither read nor write the inspection record, so social workers are not seen as enforcement.',
    seed: ['L1618-L1621'],
  },
];
