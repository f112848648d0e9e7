import type { Actor, SopDefinition } from '@waymark/contracts';

export interface VisibilityEntry {
  phase?: string | null;
  step?: string | null;
  agencyId?: string | null;
  subject?: string | null;
  kind?: string;
}

export interface PhaseVisibility {
  /** Phases the caller's agency acts in with the caller's roles. */
  phases: Set<string>;
  /** Phases kept from the caller by the SOP's separation rules: their tasks and timeline entries are left out. */
  hidden: string[];
  canSee(entry: VisibilityEntry): boolean;
}

/**
 * What a participant may see of a case's tasks and timeline, by SOP phase. Where an SOP keeps two phases apart
 * (Venice: inspection and protection, seed L1618-L1621), a participant acting in one and not the other does not
 * see the other's tasks, notes or per-person branches beyond the hand-off itself. A caller always sees their own
 * agency's entries. SOPs without a separation rule show every participant the whole case.
 */
export function phaseVisibility(
  sop: SopDefinition,
  participants: Record<string, string>,
  actor: Actor,
): PhaseVisibility {
  const slots = new Set(
    Object.entries(participants)
      .filter(([, a]) => a === actor.agencyId)
      .map(([slot]) => slot),
  );
  const acting = sop.steps.filter((s) => slots.has(s.actor.slot) && s.actor.roles.some((r) => actor.roles.includes(r)));
  const phases = new Set(acting.map((s) => s.phase).filter((p): p is string => p !== undefined));
  const hiddenSet = new Set<string>();
  for (const rule of sop.rules ?? []) {
    const [a, b] = rule.separatesPhases ?? [];
    if (!a || !b) continue;
    if (phases.has(a) && !phases.has(b)) hiddenSet.add(b);
    if (phases.has(b) && !phases.has(a)) hiddenSet.add(a);
  }
  const phaseOfStep = new Map(sop.steps.map((s) => [s.id, s.phase]));
  // A person's branch belongs to the phase of the per-person steps; if that phase is hidden, so is the branch.
  const personPhases = new Set(sop.steps.filter((s) => s.perPerson && s.phase).map((s) => s.phase!));
  const personsHidden = personPhases.size > 0 && [...personPhases].every((p) => hiddenSet.has(p));
  return {
    phases,
    hidden: [...hiddenSet].sort(),
    canSee(entry) {
      if (entry.agencyId && entry.agencyId === actor.agencyId) return true;
      const phase = entry.phase ?? (entry.step ? phaseOfStep.get(entry.step) : undefined);
      if (phase) return !hiddenSet.has(phase);
      // The hand-off (a branch started for W1) is shared; what happens in the branch is not.
      if (entry.subject && personsHidden) return entry.kind === 'person-branch-started';
      return true;
    },
  };
}
