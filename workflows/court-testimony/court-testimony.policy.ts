import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];
export const NGO_ROLES = ['ngo-professional', 'ngo-coordinator'] as const;
export const POLICE_ROLES = ['police-officer', 'police-coordinator'] as const;
export const PROSECUTOR_ROLES = ['prosecutor'] as const;
export const ADVOCATE_ROLES = ['victim-advocate'] as const;

/**
 * The court testimony SOP's access rules. The request and the hearing (intake) are shared by everyone taking part.
 * The police and the prosecutor keep the risk assessment and the police's protection measures (inspection); the NGOs
 * and the witness's own lawyer keep the support notes, the witness's decision and the lawyer meeting (protection) and
 * the travel (return). Deny rules keep each side out of the other's compartment.
 */
export const COURT_TESTIMONY_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'court-request-shared',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: ['court', 'ngo'],
    slots: ['prosecutor', 'ngo'],
    roles: [...PROSECUTOR_ROLES, ...NGO_ROLES],
    access: RW,
    text: 'The prosecutor records the request and the hearing; the support NGO records the request it received.',
    seed: ['L7636-L7637', 'L7639', 'L5582'],
  },
  {
    id: 'court-request-read',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: ['police', 'ngo'],
    roles: [...POLICE_ROLES, ...NGO_ROLES, ...ADVOCATE_ROLES],
    access: ['read'],
    text: 'The police, the NGO in the witness’s country and the witness’s lawyer read the request and the hearing date.',
    seed: ['L7636-L7641', 'L6234'],
  },
  {
    id: 'court-police-risk-and-protection',
    effect: 'allow',
    compartments: ['inspection'],
    agencyKinds: ['police', 'court'],
    roles: [...POLICE_ROLES, ...PROSECUTOR_ROLES],
    access: RW,
    text: 'The police assess the risk to the witness and the family and decide their protection measures; the prosecutor reads it.',
    seed: ['L7677', 'L3010', 'L6232', 'L7836-L7837'],
  },
  {
    id: 'court-ngo-support-notes',
    effect: 'allow',
    compartments: ['protection'],
    agencyKinds: ['ngo'],
    roles: [...NGO_ROLES, ...ADVOCATE_ROLES],
    access: RW,
    text:
      'The support NGO, the NGO in the witness’s country and the witness’s own lawyer keep the support notes, the ' +
      'witness’s decision and the lawyer meeting.',
    seed: ['L1949', 'L5172-L5173', 'L7637-L7641', 'L1692-L1693'],
  },
  {
    id: 'court-ngo-travel',
    effect: 'allow',
    compartments: ['return'],
    agencyKinds: ['ngo'],
    slots: ['ngo', 'origin-ngo'],
    roles: NGO_ROLES,
    access: RW,
    text: 'The two NGOs book the travel and accommodation to the court in another country.',
    seed: ['L7639-L7640', 'L6234', 'L5166-L5169'],
  },
  {
    id: 'court-police-and-prosecutor-never-read-support',
    effect: 'deny',
    compartments: ['protection', 'return'],
    agencyKinds: ['police', 'court'],
    roles: '*',
    access: RW,
    text: 'The police and the prosecutor never read the support notes or the travel: support does not depend on testifying.',
    seed: ['L2228-L2234', 'L3575-L3576', 'L6515'],
  },
  {
    id: 'court-ngo-never-reads-police-measures',
    effect: 'deny',
    compartments: ['inspection'],
    agencyKinds: ['ngo'],
    roles: '*',
    access: RW,
    text: 'The NGOs and the witness’s lawyer do not read the police’s risk assessment and protection measures.',
    seed: ['L1612-L1614', 'inferred'],
  },
];
