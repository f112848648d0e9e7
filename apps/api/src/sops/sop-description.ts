import { DEFAULT_ESCALATION, SEED_FILE, formToJsonSchema, type SopDefinition } from '@waymark/contracts';

/** A Mermaid state diagram drawn from the SOP's declared transitions. */
export function mermaidFor(sop: SopDefinition): string {
  const id = (s: string) => (s === 'start' ? '[*]' : s.replace(/[^A-Za-z0-9_]/g, '_'));
  const ends = new Set(sop.endStates.map((e) => e.id));
  const lines = ['stateDiagram-v2'];
  for (const step of sop.steps) lines.push(`  ${id(step.id)}: ${step.title.replace(/:/g, ' -')}`);
  for (const t of sop.transitions)
    lines.push(`  ${id(t.from)} --> ${id(t.to)}${t.when ? `: ${t.when.replace(/:/g, ' -')}` : ''}`);
  for (const e of ends) if (sop.transitions.some((t) => t.to === e)) lines.push(`  ${id(e)} --> [*]`);
  return lines.join('\n');
}

/** The published description of an SOP, generated from the same declaration the workflow runs. */
export function describeSop(sop: SopDefinition) {
  return {
    id: sop.id,
    version: sop.version,
    title: sop.title,
    summary: sop.summary,
    seedFile: SEED_FILE,
    seed: sop.seed,
    participants: sop.participants,
    intake: formToJsonSchema(sop.intake),
    intakeCompartment: sop.intakeCompartment ?? null,
    steps: sop.steps.map((s) => ({
      id: s.id,
      title: s.title,
      actor: s.actor,
      target: s.target ?? null,
      pausesAgencyClock: s.pausesAgencyClock ?? false,
      seed: s.seed,
      description: s.description,
      phase: s.phase ?? null,
      perPerson: s.perPerson ?? false,
      recurs: s.recurs ?? null,
      requiresConsent: s.requiresConsent ?? null,
      compartment: s.compartment ?? null,
      form: formToJsonSchema(s.form),
    })),
    events: (sop.events ?? []).map((e) => ({
      type: e.type,
      title: e.title,
      reporters: e.reporters,
      endsCaseAs: e.endsCaseAs ?? null,
      person: e.person ?? null,
      reopens: e.reopens ?? null,
      seed: e.seed,
      description: e.description,
      compartment: e.compartment ?? null,
      form: formToJsonSchema(e.form),
    })),
    rules: sop.rules ?? [],
    // How an overdue step is escalated again (steps may have their own): the interval and the chain.
    escalation: sop.escalation ?? DEFAULT_ESCALATION,
    // Deadlines computed from the case's data (docs/domain.md, "Deadlines from case data").
    dataDeadlines: sop.dataDeadlines ?? [],
    transitions: sop.transitions,
    endStates: sop.endStates,
    diagram: mermaidFor(sop),
  };
}
