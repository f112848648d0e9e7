import { DomainException, allowedCaseActions, decideCaseAction, type Actor, type CaseAction } from '@waymark/contracts';
import { ACCESS_POLICY, sopById } from '@waymark/workflows/sops';

/** What a case-level decision needs of a case row: its SOP and who fills which slot. */
export interface CaseParties {
  sop: string;
  participants: Readonly<Record<string, string>>;
}

/**
 * Refuses a case-level action (cancel, erase) the access policy does not grant the caller in this case: 403 naming
 * the lead agency and the roles it needs. Callers check first that the case is visible to the caller (404 if not).
 */
export function requireCaseAction(kase: CaseParties, actor: Actor, action: CaseAction): void {
  const sop = sopById(kase.sop);
  const decision = sop
    ? decideCaseAction(ACCESS_POLICY.caseActions, sop, kase.participants, actor, action)
    : { allowed: false, reason: 'This case runs an SOP this deployment no longer serves, so it has no lead' };
  if (!decision.allowed) throw new DomainException('forbidden', `${decision.reason} (see GET /policy).`);
}

/** The case-level actions the caller may take in this case (the case view shows only those). */
export function caseActionsFor(kase: CaseParties, actor: Actor): CaseAction[] {
  const sop = sopById(kase.sop);
  return sop ? allowedCaseActions(ACCESS_POLICY.caseActions, sop, kase.participants, actor) : [];
}
