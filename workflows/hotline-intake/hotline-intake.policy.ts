import type { Access, SopAccessRule } from '@waymark/contracts';

const RW: readonly Access[] = ['read', 'write'];
/** Hotline operators take the calls; the coordinator refers and changes the partner NGO. */
export const HOTLINE_ROLES = ['ngo-professional', 'ngo-coordinator'] as const;
/** The partner NGO's outreach staff and coordinator. */
export const PARTNER_ROLES = ['ngo-professional', 'ngo-caseworker', 'ngo-coordinator'] as const;

/**
 * Who reads and writes what in a hotline crisis intake. The call sheet (intake) is the hotline's; the partner NGO
 * where the person is reads it, since only basic personal and location data pass to it (L6669). The risk check, the
 * emergency agreement and the outreach (protection) are kept by the two NGOs. The police are never a participant:
 * the hotline calls them only where the person agrees, and they read nothing of the case here.
 */
export const HOTLINE_INTAKE_ACCESS: readonly SopAccessRule[] = [
  {
    id: 'hotline-call-sheet',
    effect: 'allow',
    compartments: ['intake', 'protection'],
    agencyKinds: ['ngo'],
    slots: ['hotline'],
    roles: HOTLINE_ROLES,
    access: RW,
    text: 'The hotline keeps the call sheet, the risk check, the emergency agreement and the referral.',
    seed: ['L5370', 'L5395', 'L5441', 'L3899-L3900'],
  },
  {
    id: 'hotline-partner-reads-basics',
    effect: 'allow',
    compartments: ['intake'],
    agencyKinds: ['ngo'],
    slots: ['partner-ngo'],
    roles: PARTNER_ROLES,
    access: ['read'],
    text: 'The NGO where the person is reads the call sheet: codes, the country and the situation, no names.',
    seed: ['L6669', 'L6672-L6673'],
  },
  {
    id: 'hotline-partner-outreach',
    effect: 'allow',
    compartments: ['protection'],
    agencyKinds: ['ngo'],
    slots: ['partner-ngo'],
    roles: PARTNER_ROLES,
    access: RW,
    text: 'The NGO where the person is reads the risk check it acts on and records finding and assisting the person.',
    seed: ['L6568', 'L6623-L6628', 'L6674'],
  },
  // No police or other authority takes part, so none reads anything of the case (what no rule allows is denied):
  // help does not depend on reporting (L3575-L3576).
];
