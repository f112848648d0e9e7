import { deadlineSource, type CompartmentId, type DataDeadlineSpec, type SopDefinition } from '@waymark/contracts';

// The case view's deadlines from the case's data (SopDefinition.dataDeadlines), read from the `data-deadline`
// timeline entries the workflow writes. A deadline's date may reveal its source (a date of birth gives the day a
// child turns 18): it is shown only to readers of the compartment that field is kept in.

/** The compartment a deadline's source field is kept in (undefined: none, so every participant sees the date). */
export function deadlineCompartment(sop: SopDefinition, spec: DataDeadlineSpec): CompartmentId | undefined {
  const { source, field } = deadlineSource(spec);
  if (source === 'intake') return sop.intake.fields[field]?.compartment ?? sop.intakeCompartment;
  const step = sop.steps.find((s) => s.id === source);
  if (step) return step.form.fields[field]?.compartment ?? step.compartment;
  const event = sop.events?.find((e) => e.type === source);
  return event?.form.fields[field]?.compartment ?? event?.compartment;
}

/** May the caller see the dates of this deadline? */
function seesDate(sop: SopDefinition, id: unknown, readable: readonly CompartmentId[]): boolean {
  const spec = sop.dataDeadlines?.find((d) => d.id === id);
  const compartment = spec ? deadlineCompartment(sop, spec) : undefined;
  return compartment === undefined || readable.includes(compartment);
}

/** A `data-deadline` timeline entry's detail without its dates for a reader of another compartment. */
export function redactDeadlineDetail(
  sop: SopDefinition | undefined,
  kind: string,
  detail: Record<string, unknown>,
  readable: readonly CompartmentId[],
): Record<string, unknown> {
  if (kind !== 'data-deadline' || !sop || seesDate(sop, detail.deadline, readable)) return detail;
  const { at: _at, previousAt: _previousAt, ...rest } = detail;
  return { ...rest, redacted: ['at'] };
}

export interface CaseDataDeadline {
  id: string;
  label: string;
  /** The deadline (ISO timestamp); null while its source has no date; absent when withheld from the caller. */
  at?: string | null;
  /** The steps it guards; null: every step of the case. */
  steps: readonly string[] | null;
  /** Its source field's compartment, when the caller may not read it (the date is then withheld). */
  withheld?: CompartmentId;
}

/** Every deadline the SOP declares, with its latest date from the timeline. */
export function caseDataDeadlines(
  sop: SopDefinition | undefined,
  entries: readonly { kind: string; detail: Record<string, unknown> }[],
  readable: readonly CompartmentId[],
): CaseDataDeadline[] {
  return (sop?.dataDeadlines ?? []).map((spec) => {
    const latest = entries.filter((e) => e.kind === 'data-deadline' && e.detail.deadline === spec.id).at(-1);
    const at = typeof latest?.detail.at === 'string' ? latest.detail.at : null;
    const base = { id: spec.id, label: spec.label, steps: spec.appliesTo ?? null };
    return seesDate(sop!, spec.id, readable) ? { ...base, at } : { ...base, withheld: deadlineCompartment(sop!, spec) };
  });
}
