import type { Actor, SopDefinition } from '@waymark/contracts';

export interface PhaseVisibility {
  /** Phases the caller's agency acts in with the caller's roles. */
  phases: Set<string>;
  /** Phases of the SOP the caller does not act in: their tasks and timeline entries are left out. */
  hidden: string[];
  /** Whether the caller acts in a per-person step (and so may follow a person's branch). */
  followsPersons: boolean;
  canSee(entry: { phase?: string | null; step?: string | null; agencyId?: string | null; subject?: string | null }): boolean;
}

/**
 * What a participant may see of a case's tasks and timeline, by SOP phase. The Venice procedure keeps inspection
 * and protection apart (seed L1618-L1621): inspectors and police must not follow a worker's protection branch,
 * and social workers are not shown the inspection's working. A caller always sees their own agency's entries.
 */
export function phaseVisibility(sop: SopDefinition, participants: Record<string, string>, actor: Actor): PhaseVisibility {
  const slots = new Set(Object.entries(participants).filter(([, a]) => a === actor.agencyId).map(([slot]) => slot));
  const acting = sop.steps.filter((s) => slots.has(s.actor.slot) && s.actor.roles.some((r) => actor.roles.includes(r)));
  const phases = new Set(acting.map((s) => s.phase).filter((p): p is string => p !== undefined));
  const allPhases = new Set(sop.steps.map((s) => s.phase).filter((p): p is string => p !== undefined));
  const hidden = [...allPhases].filter((p) => !phases.has(p)).sort();
  const followsPersons = acting.some((s) => s.perPerson);
  const phaseOfStep = new Map(sop.steps.map((s) => [s.id, s.phase]));
  return {
    phases,
    hidden,
    followsPersons,
    canSee(entry) {
      if (entry.agencyId && entry.agencyId === actor.agencyId) return true;
      const phase = entry.phase ?? (entry.step ? phaseOfStep.get(entry.step) : undefined);
      if (phase && !phases.has(phase)) return false;
      if (entry.subject && !phase && allPhases.size > 0 && !followsPersons) return false;
      return true;
    },
  };
}
