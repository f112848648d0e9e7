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

/** One SOP's access rules, declared beside the SOP (`SopDefinition.access`); the SOP they apply to is implied. */
export type SopAccessRule = Omit<PolicyRule, 'sops'>;

/**
 * The one access policy the API enforces and serves, built from the rules each SOP declares beside itself
 * (workflows/<sop>/<sop>.policy.ts), in the order the SOPs are registered, and the case-action rules.
 */
export function buildAccessPolicy(sops: readonly { id: string; access?: readonly SopAccessRule[] }[]): AccessPolicy {
  return {
    version: 2,
    compartments: COMPARTMENTS,
    consentScopes: CONSENT_SCOPES_BY_COMPARTMENT,
    rules: sops.flatMap((sop) => (sop.access ?? []).map((rule) => ({ ...rule, sops: [sop.id] }))),
    caseActions: CASE_ACTION_RULES,
  };
}

/** A consent record as the policy needs it (from the `consents` table). */
export interface ConsentFact {
  purpose: string;
  /** The person it was given for (a code); null: the case's person, or everyone in the case. */
  subject?: string | null;
  sharedWithAgency: string | null;
  /** A kind of agency instead of one agency: every agency filling a slot of that kind in the case. */
  sharedWithKind?: string | null;
  scope: readonly string[];
  withdrawn: boolean;
  /** ISO 8601; after it the consent is no longer active. */
  validUntil?: string | null;
}

/** Is the consent in force now: not withdrawn and not past its end? */
export function consentActive(c: { withdrawn: boolean; validUntil?: string | null }, now = Date.now()): boolean {
  return !c.withdrawn && (c.validUntil == null || Date.parse(c.validUntil) > now);
}

/** Does the consent name this reader: its agency, or the kind of a slot the agency fills? */
export function consentNames(
  c: { sharedWithAgency: string | null; sharedWithKind?: string | null },
  agencyId: string | undefined,
  kinds: readonly string[],
): boolean {
  return (
    (agencyId !== undefined && c.sharedWithAgency === agencyId) ||
    (c.sharedWithKind != null && kinds.includes(c.sharedWithKind))
  );
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
  agencyKind?: string,
): boolean {
  const needed = CONSENT_SCOPES_BY_COMPARTMENT[compartment];
  if (!agencyId || needed.length === 0) return false;
  return consents.some(
    (c) =>
      consentActive(c) &&
      c.purpose === 'sharing' &&
      consentNames(c, agencyId, agencyKind ? [agencyKind] : []) &&
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
    if (consentCovers(req.consents ?? [], req.agencyId, req.compartment, req.agencyKind)) {
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
