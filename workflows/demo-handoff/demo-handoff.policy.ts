import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];

/**
 * The demo hand-off's access rules: two caseworkers of demo agencies, declared beside the SOP and read through its declaration (`access`). The API builds the one
 * access policy it enforces and serves from every SOP's rules (`buildAccessPolicy`, libs/contracts/src/policy.ts).
 */
export const DEMO_HANDOFF_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'demo-caseworkers',
    effect: 'allow',
    compartments: ['intake', 'identity', 'protection'],
    agencyKinds: ['demo'],
    roles: ['caseworker'],
    access: RW,
    text: 'Both demo agencies read and write the intake, identity and protection compartments.',
    seed: ['inferred'],
  },
];
