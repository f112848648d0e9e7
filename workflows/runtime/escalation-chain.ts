import {
  DEFAULT_ESCALATION,
  SUPERVISOR_ROLES,
  caseLead,
  durationToMs,
  type EscalationSpec,
  type SopDefinition,
  type StepSpec,
} from '@waymark/contracts';

/** The escalation of a step: its own, else its SOP's, else the default. */
export function escalationOf(sop: SopDefinition, step: StepSpec): EscalationSpec {
  return step.escalation ?? sop.escalation ?? DEFAULT_ESCALATION;
}

/** The time between repeats of a step's escalation. */
export function escalationEveryMs(sop: SopDefinition, step: StepSpec): number {
  return durationToMs(escalationOf(sop, step).every);
}

/**
 * Who hears of an escalation at `level` of a task held by `agencyId` in `slot`: the slot's supervisors, then the lead
 * agency's coordinators; past the end of the chain its last level again. Pure: the same on every replay.
 */
export function escalationTarget(
  sop: SopDefinition,
  step: StepSpec,
  participants: Readonly<Record<string, string>>,
  agencyId: string,
  level: number,
): { agencyId: string; roles: readonly string[] } {
  const chain = escalationOf(sop, step).chain;
  const at = chain[Math.min(level, chain.length - 1)] ?? 'slot-supervisors';
  if (at === 'lead-coordinators') {
    const lead = caseLead(sop);
    const leadAgency = participants[lead.slot];
    if (leadAgency) return { agencyId: leadAgency, roles: lead.coordinatorRoles };
  }
  return { agencyId, roles: sop.participants[step.actor.slot]?.supervisorRoles ?? SUPERVISOR_ROLES };
}
