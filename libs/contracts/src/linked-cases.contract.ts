/**
 * Linked cases: a step that starts a follow-on case of another SOP for a person (a joint operation's person who
 * accepts an assisted return), and links set by hand between cases of the same operation or family. Pure
 * TypeScript: this file is bundled into workflows.
 */
import type { ConsentRequirement } from './consent.contract';
import type { FieldSpec, FormSpec } from './forms.contract';
import type { Actor } from './messages.contract';

/** How two cases relate: started one from the other, same operation, same family. */
export const LINK_RELATIONS = ['follow-on', 'same-operation', 'same-family'] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];

/** Seen from one case: it started (or was linked from) the other (`outgoing`), or the reverse (`incoming`). */
export type LinkDirection = 'outgoing' | 'incoming';

/**
 * A follow-on case a step starts once it is completed (StepSpec.startsCase). Only the declared intake fields of the
 * other SOP are carried, each from a field of this case; only under the declared consent.
 */
export interface StartsCaseSpec {
  /** The other SOP's id (e.g. `assisted-return`). */
  sop: string;
  /** Only when the step's form says so: `field = value` on the step's own form (e.g. `referral = refer`). */
  when?: string;
  /**
   * The other SOP's intake fields, each from `<stepId>.<field>` (the latest completion of that step in this
   * workflow) or `intake.<field>` (this case's intake). Nothing else is carried.
   */
  carry: Readonly<Record<string, string>>;
  /** The other SOP's slots filled by the agency in one of this SOP's slots; the others take their defaults. */
  participants?: Readonly<Record<string, string>>;
  /** The consent (on this case) that must be active before anything is carried (the consent gates wait for it). */
  consent: ConsentRequirement;
  seed: readonly string[];
}

/** Activity input: start the follow-on case, idempotently (its id derives from the case, step and person code). */
export interface StartFollowOnInput {
  caseId: string;
  sop: string;
  step: string;
  /** The person's code in a per-person branch (part of the follow-on's id). */
  subject?: string;
  /** The other SOP. */
  targetSop: string;
  /** The carried intake: only the declared fields. */
  intake: Record<string, unknown>;
  /** Agencies by the other SOP's slot (from `participants`); the rest take the slot's default. */
  participants: Record<string, string>;
  /** Who completed the step: the follow-on case is opened in their name. */
  openedBy: Actor;
  at: string;
}

/** The follow-on case, or the reasons it could not start (fields and reasons only, never values). */
export type StartFollowOnResult =
  | { started: true; caseId: string; created: boolean }
  | { started: false; errors: readonly { field: string; reason: string }[] };

/** The activity a workflow calls to start a follow-on case (apps/worker/src/follow-on.activities.ts). */
export interface LinkedCaseActivities {
  startFollowOnCase(input: StartFollowOnInput): Promise<StartFollowOnResult>;
}

/** A link as a case view shows it: the other case's id and SOP only (access stays per case). */
export interface CaseLinkView {
  caseId: string;
  sop: string;
  relation: LinkRelation;
  direction: LinkDirection;
  at: string;
}

/** Parses `field = value`; undefined when malformed. */
export function parseWhen(when: string): { field: string; value: string } | undefined {
  const m = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*=\s*([A-Za-z0-9-]+)\s*$/.exec(when);
  return m ? { field: m[1], value: m[2] } : undefined;
}

/** Does the completed form call for the follow-on? (always, without `when`) */
export function startsCaseApplies(spec: StartsCaseSpec, form: Readonly<Record<string, unknown>>): boolean {
  if (!spec.when) return true;
  const w = parseWhen(spec.when);
  return w !== undefined && String(form[w.field]) === w.value;
}

/**
 * The intake carried to the follow-on: each declared target field from its source, and nothing else. Absent
 * sources are left out (the other SOP's intake validation then names the missing field).
 */
export function carriedIntake(
  spec: StartsCaseSpec,
  sources: { intake: Readonly<Record<string, unknown>>; step: (stepId: string) => Record<string, unknown> | undefined },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [target, source] of Object.entries(spec.carry)) {
    const dot = source.indexOf('.');
    const from = source.slice(0, dot);
    const field = source.slice(dot + 1);
    const values = from === 'intake' ? sources.intake : sources.step(from);
    if (values && values[field] !== undefined) out[target] = values[field];
  }
  return out;
}

/** Can a value of `source`'s type fill `target`? Same type; an enum's options must all be accepted by the target. */
function typeFits(source: FieldSpec, target: FieldSpec): string | undefined {
  if (source.type !== target.type) return `is a ${source.type}, the target takes a ${target.type}`;
  if (target.type === 'enum') {
    const extra = (source.options ?? []).filter((o) => !(target.options ?? []).includes(o));
    if (extra.length > 0) return `has options the target does not take: ${extra.join(', ')}`;
  }
  if (target.format === 'country' && source.format !== 'country') return 'is not a country code field';
  if (target.required && !source.required) return 'is optional, the target field is required';
  return undefined;
}

/**
 * Problems of a step's `startsCase` declaration (empty when sound): the other SOP exists; `when` names a field and
 * option of the step's form; every target field exists in the other SOP's intake and its source's type fits; every
 * required intake field of the other SOP is carried; the participants map slots that exist on both sides.
 */
export function startsCaseProblems(
  sop: { id: string; intake: FormSpec; participants: Readonly<Record<string, unknown>>; steps: readonly StepLike[] },
  stepId: string,
  spec: StartsCaseSpec,
  sops: readonly { id: string; intake: FormSpec; participants: Readonly<Record<string, unknown>> }[],
): string[] {
  const at = `${sop.id}.${stepId}.startsCase`;
  const problems: string[] = [];
  const other = sops.find((s) => s.id === spec.sop);
  if (!other) return [`${at}.sop: no SOP ${spec.sop}`];
  const step = sop.steps.find((s) => s.id === stepId);
  if (spec.when) {
    const w = parseWhen(spec.when);
    const f = w && step?.form.fields[w.field];
    if (!w || !f) problems.push(`${at}.when: must be 'field = value' over a field of the step's form`);
    else if (f.type === 'enum' && !(f.options ?? []).includes(w.value))
      problems.push(`${at}.when: ${w.value} is not an option of ${w.field}`);
  }
  for (const [target, source] of Object.entries(spec.carry)) {
    const targetSpec = other.intake.fields[target];
    if (!targetSpec) {
      problems.push(`${at}.carry.${target}: ${other.id}'s intake has no such field`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\.([A-Za-z0-9-]+)$/.exec(source);
    const form = m && (m[1] === 'intake' ? sop.intake : sop.steps.find((s) => s.id === m[1])?.form);
    const sourceSpec = m && form?.fields[m[2]];
    if (!sourceSpec) {
      problems.push(`${at}.carry.${target}: ${source} is not '<stepId>.<field>' or 'intake.<field>' of ${sop.id}`);
      continue;
    }
    const misfit = typeFits(sourceSpec, targetSpec);
    if (misfit) problems.push(`${at}.carry.${target}: ${source} ${misfit}`);
  }
  for (const [name, f] of Object.entries(other.intake.fields)) {
    if (f.required && !(name in spec.carry))
      problems.push(`${at}.carry: ${other.id}'s required ${name} is not carried`);
  }
  for (const [target, source] of Object.entries(spec.participants ?? {})) {
    if (!(target in other.participants)) problems.push(`${at}.participants.${target}: ${other.id} has no such slot`);
    if (!(source in sop.participants)) problems.push(`${at}.participants.${target}: ${sop.id} has no slot ${source}`);
  }
  if (spec.seed.length === 0) problems.push(`${at}.seed: must cite seed lines (or 'inferred')`);
  return problems;
}

interface StepLike {
  id: string;
  form: FormSpec;
}
