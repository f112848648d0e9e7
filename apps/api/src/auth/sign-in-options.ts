import type { SopDefinition } from '@waymark/contracts';

/** Roles that watch deadlines rather than work the inbox: the dashboard and deadline extensions need them. */
export const OVERSIGHT_ROLES = ['supervisor', 'manager'] as const;
/**
 * Staff roles the API gives work of their own in every agency: erasing a case the agency takes part in
 * (`data-protection-officer`, POST /cases/:id/erase), reading and verifying the audit log (`auditor`, GET /audit) and
 * decoding Temporal payloads (`operator`, POST /codec/decode). `platform-admin` stays out: no one signs in as it.
 */
export const STAFF_ROLES = ['data-protection-officer', 'auditor', 'operator'] as const;

export interface SignInAgency {
  id: string;
  name: string;
  kind: string;
  roles: string[];
}

/**
 * The embedded default's sign-in choices: every SOP's default agencies with the roles their steps and events name
 * for them, plus the oversight and staff roles, so one person can try every seat of every SOP from the web application.
 */
export function signInAgencies(sops: readonly SopDefinition[]): SignInAgency[] {
  const byId = new Map<string, { name: string; kind: string; roles: Set<string> }>();
  for (const sop of sops) {
    const agencyOf = (slot: string) => sop.participants[slot]?.defaultAgency;
    for (const p of Object.values(sop.participants)) {
      if (p.defaultAgency && !byId.has(p.defaultAgency))
        byId.set(p.defaultAgency, { name: p.label, kind: p.kind, roles: new Set() });
    }
    const add = (slot: string, roles: readonly string[]) => {
      const agency = agencyOf(slot);
      if (agency) for (const r of roles) byId.get(agency)!.roles.add(r);
    };
    for (const step of sop.steps) add(step.actor.slot, step.actor.roles);
    for (const event of sop.events ?? []) for (const r of event.reporters) add(r.slot, r.roles);
  }
  return [...byId.entries()]
    .map(([id, a]) => ({
      id,
      name: a.name,
      kind: a.kind,
      roles: [...[...a.roles].sort(), ...OVERSIGHT_ROLES, ...STAFF_ROLES],
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
