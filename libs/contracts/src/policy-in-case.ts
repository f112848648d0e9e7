import { COMPARTMENT_IDS, type CompartmentId } from './compartments.contract';
import { decide, type Access, type AccessPolicy, type ConsentFact, type Decision } from './policy';
import type { SopDefinition } from './sop.contract';

export interface CaseCaller {
  agencyId: string;
  roles: readonly string[];
}

/**
 * A caller's decision in one case: the caller's agency may fill several slots of the SOP; it is allowed when any
 * of them is (each slot's declared kind is the agency kind). An agency that fills no slot gets nothing.
 */
export function decideInCase(
  policy: AccessPolicy,
  sop: SopDefinition,
  participants: Readonly<Record<string, string>>,
  caller: CaseCaller,
  compartment: CompartmentId,
  access: Access,
  consents: readonly ConsentFact[] = [],
): Decision {
  let first: Decision | undefined;
  for (const [slot, agencyId] of Object.entries(participants)) {
    const spec = sop.participants[slot];
    if (agencyId !== caller.agencyId || !spec) continue;
    const d = decide(policy, {
      sop: sop.id,
      compartment,
      agencyKind: spec.kind,
      slot,
      roles: caller.roles,
      access,
      agencyId: caller.agencyId,
      consents,
    });
    if (d.allowed) return d;
    first ??= d;
  }
  return first ?? { allowed: false, reason: 'your agency takes no part in this case' };
}

/** Every compartment's read and write decision for a caller in a case (for `GET /policy?sop=` and the case view). */
export function effectiveView(
  policy: AccessPolicy,
  sop: SopDefinition,
  participants: Readonly<Record<string, string>>,
  caller: CaseCaller,
  consents: readonly ConsentFact[] = [],
): Record<CompartmentId, { read: Decision; write: Decision }> {
  const out = {} as Record<CompartmentId, { read: Decision; write: Decision }>;
  for (const c of COMPARTMENT_IDS) {
    out[c] = {
      read: decideInCase(policy, sop, participants, caller, c, 'read', consents),
      write: decideInCase(policy, sop, participants, caller, c, 'write', consents),
    };
  }
  return out;
}

/** The slots of an SOP filled by their default agencies (the embedded deployment and the examples). */
export function defaultParticipants(sop: SopDefinition): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [slot, spec] of Object.entries(sop.participants)) if (spec.defaultAgency) out[slot] = spec.defaultAgency;
  return out;
}
