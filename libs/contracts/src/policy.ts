import { CASE_ACTION_RULES, type CaseActionRule } from './case-actions';
import { COMPARTMENTS, type CompartmentId } from './compartments.contract';
import type { ConsentScope } from './consent.contract';
import type { AgencyKind } from './sop.contract';

/**
 * The access policy over case compartments: one declaration that says which roles of which agency kinds may read
 * or write which compartment in which SOP. The API enforces it (`GET /cases/:id`, `POST /cases/:id/notes`), serves it
 * (`GET /policy`), a unit test checks every SOP step's actor may write the compartment its form writes, and the e2e
 * policy matrix is generated from it.
 *
 * An agency's kind is the `kind` of the participant slot it fills in the case (`participants[slot].kind` of the
 * SOP), not a property of the agency: the same agency may take part in different SOPs as different kinds.
 */
export type Access = 'read' | 'write';

/**
 * The sharing-consent scope that covers each compartment: a rule that requires consent lets the caller read the
 * compartment only while an active `sharing` consent names the caller's agency and every scope listed here. Intake
 * holds codes and the plan only and is never shared by consent (seed L6243-L6245: data about the "trafficking
 * story, needs, and risks" go to the return team with consent; L7223-L7225, L7399-L7401).
 */
export const CONSENT_SCOPES_BY_COMPARTMENT: Readonly<Record<CompartmentId, readonly ConsentScope[]>> = {
  intake: [],
  identity: ['identity'],
  inspection: ['legal'],
  protection: ['needs-and-risks'],
  return: ['travel'],
};

export interface PolicyRule {
  id: string;
  /** A deny rule wins over every allow rule it matches (separations are stated as deny rules). */
  effect: 'allow' | 'deny';
  sops: readonly string[] | '*';
  compartments: readonly CompartmentId[];
  agencyKinds: readonly AgencyKind[] | '*';
  /** Narrows the rule to participant slots where two slots of one SOP share a kind (the two NGOs of a return). */
  slots?: readonly string[];
  roles: readonly string[] | '*';
  access: readonly Access[];
  /** Allow rules only: the read needs an active sharing consent naming the caller's agency (scopes per compartment). */
  requiresConsent?: { purpose: 'sharing' };
  text: string;
  seed: readonly string[];
}

export interface AccessPolicy {
  version: number;
  compartments: typeof COMPARTMENTS;
  consentScopes: typeof CONSENT_SCOPES_BY_COMPARTMENT;
  rules: readonly PolicyRule[];
  /** Who may take case-level actions (cancel, erase): case-actions.ts. */
  caseActions: readonly CaseActionRule[];
}

const VENICE = ['venice-inspection'];
const JOINT = ['joint-operation'];
const RETURN = ['assisted-return'];
const RW: readonly Access[] = ['read', 'write'];

/** Roles acting in Venice's inspection phase and in its protection phase (venice-inspection.sop.ts). */
const VENICE_INSPECTION_ROLES = ['labour-inspector', 'police-officer', 'cultural-mediator'];
const VENICE_PROTECTION_ROLES = ['coordinator', 'social-worker', 'protection-officer', 'shelter-worker'];
const POLICE_ROLES = ['police-officer', 'police-coordinator'];
const NGO_ROLES = ['ngo-professional', 'ngo-coordinator'];
const RETURN_NGO_ROLES = ['ngo-caseworker', 'ngo-coordinator'];

export const ACCESS_POLICY: AccessPolicy = {
  version: 2,
  compartments: COMPARTMENTS,
  consentScopes: CONSENT_SCOPES_BY_COMPARTMENT,
  rules: [
    // Venice crisis-and-assessment inspection (P6).
    {
      id: 'venice-intake-shared',
      effect: 'allow',
      sops: VENICE,
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
      sops: VENICE,
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
      sops: VENICE,
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
      sops: VENICE,
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
      sops: VENICE,
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
      sops: VENICE,
      compartments: ['inspection'],
      agencyKinds: '*',
      roles: VENICE_PROTECTION_ROLES,
      access: RW,
      text: 'Protection roles neither read nor write the inspection record, so social workers are not seen as enforcement.',
      seed: ['L1618-L1621'],
    },
    // Police–NGO joint operation (P15).
    {
      id: 'joint-shared-operation',
      effect: 'allow',
      sops: JOINT,
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
      sops: JOINT,
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
      sops: JOINT,
      compartments: ['protection'],
      agencyKinds: ['police'],
      roles: '*',
      access: RW,
      text: 'The police never read NGO counselling notes; assistance does not depend on cooperating with them.',
      seed: ['L2228-L2234', 'L3575-L3576'],
    },
    // Assisted voluntary return (C1 + P12, C3, C11).
    {
      id: 'return-intake-shared',
      effect: 'allow',
      sops: RETURN,
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
      sops: RETURN,
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
      sops: RETURN,
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
      sops: RETURN,
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
      sops: RETURN,
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
      sops: RETURN,
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
    // The demo hand-off: two caseworkers of demo agencies.
    {
      id: 'demo-caseworkers',
      effect: 'allow',
      sops: ['demo-handoff'],
      compartments: ['intake', 'identity', 'protection'],
      agencyKinds: ['demo'],
      roles: ['caseworker'],
      access: RW,
      text: 'Both demo agencies read and write the intake, identity and protection compartments.',
      seed: ['inferred'],
    },
  ],
  caseActions: CASE_ACTION_RULES,
};

/** A consent record as the policy needs it (from the `consents` table). */
export interface ConsentFact {
  purpose: string;
  sharedWithAgency: string | null;
  scope: readonly string[];
  withdrawn: boolean;
}

export interface AccessRequest {
  sop: string;
  compartment: CompartmentId;
  agencyKind: AgencyKind;
  /** The participant slot the caller's agency fills (for slot-narrowed rules). */
  slot?: string;
  roles: readonly string[];
  access: Access;
  /** The caller's agency: consents are matched on it. */
  agencyId?: string;
  consents?: readonly ConsentFact[];
}

export interface Decision {
  allowed: boolean;
  reason: string;
  rule?: string;
  /** True when an allow rule matched but waits on a sharing consent. */
  needsConsent?: boolean;
}

function ruleMatches(rule: PolicyRule, req: AccessRequest): boolean {
  return (
    (rule.sops === '*' || rule.sops.includes(req.sop)) &&
    rule.compartments.includes(req.compartment) &&
    rule.access.includes(req.access) &&
    (rule.agencyKinds === '*' || rule.agencyKinds.includes(req.agencyKind)) &&
    (rule.slots === undefined || (req.slot !== undefined && rule.slots.includes(req.slot))) &&
    (rule.roles === '*' || req.roles.some((r) => (rule.roles as readonly string[]).includes(r)))
  );
}

/** Does an active sharing consent name this agency and cover every scope of the compartment? */
export function consentCovers(
  consents: readonly ConsentFact[],
  agencyId: string | undefined,
  compartment: CompartmentId,
): boolean {
  const needed = CONSENT_SCOPES_BY_COMPARTMENT[compartment];
  if (!agencyId || needed.length === 0) return false;
  return consents.some(
    (c) =>
      !c.withdrawn &&
      c.purpose === 'sharing' &&
      c.sharedWithAgency === agencyId &&
      needed.every((s) => c.scope.includes(s)),
  );
}

/** The pure evaluator: deny rules win, then any allow rule whose consent condition (if any) holds; else denied. */
export function decide(policy: AccessPolicy, req: AccessRequest): Decision {
  const matching = policy.rules.filter((r) => ruleMatches(r, req));
  const deny = matching.find((r) => r.effect === 'deny');
  if (deny) return { allowed: false, reason: `denied by ${deny.id}`, rule: deny.id };
  const allows = matching.filter((r) => r.effect === 'allow');
  const plain = allows.find((r) => !r.requiresConsent);
  if (plain) return { allowed: true, reason: `allowed by ${plain.id}`, rule: plain.id };
  const conditional = allows.find((r) => r.requiresConsent);
  if (conditional) {
    if (consentCovers(req.consents ?? [], req.agencyId, req.compartment)) {
      return { allowed: true, reason: `allowed by ${conditional.id} under a sharing consent`, rule: conditional.id };
    }
    const scopes = CONSENT_SCOPES_BY_COMPARTMENT[req.compartment].join(', ');
    return {
      allowed: false,
      reason: `${conditional.id} needs an active sharing consent for: ${scopes}`,
      rule: conditional.id,
      needsConsent: true,
    };
  }
  return { allowed: false, reason: 'no rule grants it' };
}
