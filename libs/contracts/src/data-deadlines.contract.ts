/**
 * Deadlines that follow from a case's data rather than from when a task opened: a child turning 18, a travel document
 * expiring, a medical limit on travel, the end of a reflection period. An SOP declares them (`dataDeadlines`); the
 * workflow computes them from the intake and the forms (the same pure code runs in the API), recomputes them when a
 * later form or event changes their source, reminds and escalates before they pass, and refuses a date field declared
 * `notAfter` a deadline when its value falls after it. Pure TypeScript: this file is bundled into workflows.
 */
import type { FieldError, FormSpec } from './forms.contract';

export interface DataDeadlineSpec {
  /** Stable id, named in `FieldSpec.notAfter` and in errors (e.g. `travel-limit`). */
  id: string;
  /** What the deadline is, in lower case, used in messages: `medical travel limit`. */
  label: string;
  /**
   * The date the deadline follows from: `intake.<field>`, `<stepId>.<field>` (the latest completion of the step) or
   * `<eventType>.<field>` (the latest report of the event). A date field; a later form or event replaces the value.
   */
  from: string;
  /** ISO 8601 duration added to the date (`P18Y`: age-out at 18 from a date of birth); none: the date itself. */
  add?: string;
  /** How long before the deadline the agencies holding the guarded steps are reminded (ISO 8601 duration). */
  warnBefore: string;
  /**
   * How long before the deadline it is escalated to the supervisors, repeating up the step's escalation chain until
   * the guarded step is done; default: halfway between the reminder and the deadline.
   */
  escalateBefore?: string;
  /** The steps that must be done before the deadline; none: every step of the case. */
  appliesTo?: readonly string[];
  /** Seed line references (`L<n>`) or `inferred`. */
  seed: readonly string[];
  description?: string;
}

/** A deadline as computed for one case. `at` is an ISO timestamp; absent while the source field has no value. */
export interface DataDeadlineValue {
  id: string;
  label: string;
  at?: string;
}

/** The data a case's deadlines are computed from: its intake and the latest form of each step or event. */
export interface DataDeadlineSources {
  intake: Readonly<Record<string, unknown>>;
  /** By step id or event type: the latest completed form or reported event data. */
  latest: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

interface CalendarDuration {
  years: number;
  months: number;
  ms: number;
}

/** Parses an ISO 8601 duration with calendar parts (years, months, weeks) as well as days and time. */
export function parseCalendarDuration(iso: string): CalendarDuration {
  const m = DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) throw new Error(`not a supported ISO 8601 duration: ${iso}`);
  const n = (i: number) => Number(m[i] ?? 0);
  const days = n(3) * 7 + n(4);
  return { years: n(1), months: n(2), ms: ((days * 24 + n(5)) * 60 + n(6)) * 60_000 + n(7) * 1000 };
}

/** True when `iso` is a duration `parseCalendarDuration` takes. */
export function isCalendarDuration(iso: string): boolean {
  try {
    parseCalendarDuration(iso);
    return true;
  } catch {
    return false;
  }
}

/**
 * `date` moved by `iso` (forward, or back with `sign` -1), in UTC. Years and months move the calendar date and clamp
 * to the month's last day: 18 years after 29 February is 28 February in a common year, the earlier of the two
 * readings, so a protection deadline never falls after the person's birthday.
 */
export function shiftByDuration(date: Date, iso: string, sign: 1 | -1 = 1): Date {
  const { years, months, ms } = parseCalendarDuration(iso);
  const totalMonths = date.getUTCFullYear() * 12 + date.getUTCMonth() + sign * (years * 12 + months);
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(date.getTime());
  moved.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return new Date(moved.getTime() + sign * ms);
}

/** A date field's value as an instant: a plain date is the start of that day in UTC. Undefined when not a date. */
export function dateValue(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The source of a deadline split into where it is read (`intake`, a step id or an event type) and the field. */
export function deadlineSource(spec: Pick<DataDeadlineSpec, 'from'>): { source: string; field: string } {
  const dot = spec.from.indexOf('.');
  return { source: spec.from.slice(0, dot), field: spec.from.slice(dot + 1) };
}

/** One deadline from the case's data; `at` absent while the source has no date. Deterministic: no clock is read. */
export function computeDataDeadline(spec: DataDeadlineSpec, sources: DataDeadlineSources): DataDeadlineValue {
  const { source, field } = deadlineSource(spec);
  const data = source === 'intake' ? sources.intake : sources.latest[source];
  const date = dateValue(data?.[field]);
  if (!date) return { id: spec.id, label: spec.label };
  const at = spec.add ? shiftByDuration(date, spec.add) : date;
  return { id: spec.id, label: spec.label, at: at.toISOString() };
}

/** Every deadline of an SOP for one case. */
export function computeDataDeadlines(
  specs: readonly DataDeadlineSpec[] | undefined,
  sources: DataDeadlineSources,
): DataDeadlineValue[] {
  return (specs ?? []).map((spec) => computeDataDeadline(spec, sources));
}

/** Does the deadline guard this step (it must be done before the deadline)? */
export function deadlineGuards(spec: DataDeadlineSpec, step: string): boolean {
  return spec.appliesTo === undefined || spec.appliesTo.includes(step);
}

/** When the reminder and the (first) escalation of a deadline are due. */
export function deadlineAlerts(spec: DataDeadlineSpec, at: Date): { warnAt: Date; escalateAt: Date } {
  const warnAt = shiftByDuration(at, spec.warnBefore, -1);
  const escalateAt = spec.escalateBefore
    ? shiftByDuration(at, spec.escalateBefore, -1)
    : new Date(warnAt.getTime() + (at.getTime() - warnAt.getTime()) / 2);
  return { warnAt, escalateAt };
}

/**
 * The fields of a form declared `notAfter` a deadline whose value falls after it: the field and the reason, never the
 * value. A plain date is compared by day (a departure on the day a document expires is not after it).
 */
export function notAfterErrors(
  form: FormSpec,
  data: Readonly<Record<string, unknown>>,
  deadlines: readonly DataDeadlineValue[],
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, spec] of Object.entries(form.fields)) {
    const value = data[name];
    if (typeof value !== 'string' || !dateValue(value)) continue;
    // The earliest deadline the value breaks is the one named.
    const broken = notAfterIds(spec.notAfter)
      .map((id) => deadlines.find((d) => d.id === id))
      .filter((d): d is DataDeadlineValue & { at: string } => d?.at !== undefined && isAfter(value, d.at))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    if (broken) errors.push({ field: name, reason: `must not be after the ${broken.label} (deadline ${broken.id})` });
  }
  return errors;
}

function notAfterIds(notAfter: string | readonly string[] | undefined): readonly string[] {
  return notAfter === undefined ? [] : typeof notAfter === 'string' ? [notAfter] : notAfter;
}

function isAfter(value: string, deadline: string): boolean {
  return DATE_ONLY.test(value) ? value > deadline.slice(0, 10) : dateValue(value)!.getTime() > Date.parse(deadline);
}

/**
 * What is wrong with an SOP's deadline declarations (checked for every SOP by workflows/sops/declarations.spec.ts):
 * a source that names no date field, an unknown step, an unparseable duration, a `notAfter` naming no deadline.
 */
export function dataDeadlineDeclarationErrors(sop: {
  intake: FormSpec;
  steps: readonly { id: string; form: FormSpec }[];
  events?: readonly { type: string; form: FormSpec }[];
  dataDeadlines?: readonly DataDeadlineSpec[];
}): string[] {
  const errors: string[] = [];
  const forms = new Map<string, FormSpec>([['intake', sop.intake]]);
  for (const s of sop.steps) forms.set(s.id, s.form);
  for (const e of sop.events ?? []) forms.set(e.type, e.form);
  const ids = new Set<string>();
  for (const d of sop.dataDeadlines ?? []) {
    if (ids.has(d.id)) errors.push(`deadline ${d.id} is declared twice`);
    ids.add(d.id);
    const { source, field } = deadlineSource(d);
    if (forms.get(source)?.fields[field]?.type !== 'date')
      errors.push(`deadline ${d.id}: ${d.from} is not a date field of the intake, a step or an event`);
    for (const iso of [d.add, d.warnBefore, d.escalateBefore])
      if (iso !== undefined && !isCalendarDuration(iso)) errors.push(`deadline ${d.id}: ${iso} is not a duration`);
    for (const step of d.appliesTo ?? [])
      if (!sop.steps.some((s) => s.id === step)) errors.push(`deadline ${d.id}: no step ${step}`);
    if (d.seed.length === 0) errors.push(`deadline ${d.id} has no seed reference`);
  }
  for (const [source, form] of forms) {
    for (const [name, f] of Object.entries(form.fields)) {
      if (f.notAfter === undefined) continue;
      if (f.type !== 'date') errors.push(`${source}.${name}: notAfter on a field that is not a date`);
      for (const id of notAfterIds(f.notAfter))
        if (!ids.has(id)) errors.push(`${source}.${name}: notAfter names no deadline ${id}`);
    }
  }
  return errors;
}
