import type { SopDefinition } from '@waymark/contracts';

/** Roles that watch deadlines rather than work the inbox: the dashboard and deadline extensions need them. */
export const OVERSIGHT_ROLES = ['supervisor', 'manager'] as const;

export interface SignInAgency {
  id: string;
  name: string;
  kind: string;
  roles: string[];
}

/**
 * The embedded default's sign-in choices: every SOP's default agencies with the roles their steps and events name
 * for them, plus the oversight roles, so one person can try every seat of every SOP from the web application.
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
    .map(([id, a]) => ({ id, name: a.name, kind: a.kind, roles: [...[...a.roles].sort(), ...OVERSIGHT_ROLES] }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
