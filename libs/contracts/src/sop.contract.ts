import type { SopAccessRule } from './policy';
import type { ConsentRequirement } from './consent.contract';
import type { CompartmentId } from './compartments.contract';
import type { FormSpec } from './forms.contract';
import type { DataDeadlineSpec } from './data-deadlines.contract';
import type { StartsCaseSpec } from './linked-cases.contract';

/** The seed every SOP step is grounded in. Line references are to this file. */
export const SEED_FILE = 'seed/000_da4da5927a6bd266.txt';

/** The kinds of agency a deployment's directory knows; each SOP slot asks for one (or accepts several). */
export const AGENCY_KINDS = [
  'municipality',
  'labour-inspectorate',
  'police',
  'ngo',
  'consulate',
  'return-agency',
  'iom',
  'shelter',
  'court',
  'child-protection',
  'demo',
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** A participant slot of an SOP, filled by a concrete agency when a case starts. */
export interface ParticipantSpec {
  kind: AgencyKind;
  /** Other kinds that may fill the slot (e.g. IOM as the return agency); the `demo` kind takes any agency. */
  alsoKinds?: readonly AgencyKind[];
  label: string;
  /** Agency id used when the case input does not name one (embedded default and examples). */
  defaultAgency?: string;
  /** Roles of this agency that receive escalations and may extend deadlines; default SUPERVISOR_ROLES. */
  supervisorRoles?: readonly string[];
  /**
   * A slot filled only in cases whose intake says so (the origin child-protection authority: child cases only).
   * Elsewhere the case has no agency in the slot, so that agency never sees the case: data reaches an agency only
   * when its role needs it. The SOP must not open a task for the slot on the other path.
   */
  onlyWhen?: { field: string; equals: boolean | string };
  /**
   * The lead agency's coordinator may put another agency (of a kind the slot takes) in this slot while the case
   * runs: the agency found later takes over the slot's open and future tasks. Grounded in the seed lines given.
   */
  changeable?: { seed: readonly string[] };
  /**
   * An agency in another country (the origin NGO, the consulate, the origin child-protection authority): it learns
   * nothing of the case, not even that it exists, until a consent of the person names it or a task of the case waits
   * for it (apps/api/src/cases/case-visibility.ts). Grounded in the seed lines given.
   */
  hiddenUntilConsent?: { seed: readonly string[] };
  /**
   * The agency reads a person's own records (those about one person, `subject` W1, W2, …) only under that person's
   * active consent naming it: the social protection staff of an inspection learn nothing of a worker who declined
   * the referral (apps/api/src/cases/field-scoping.ts). Grounded in the seed lines given.
   */
  personDataOnConsent?: { seed: readonly string[] };
}

/** `<sop>:<slot>` of every slot whose agency learns of a case only under consent or a task (`hiddenUntilConsent`). */
export function hiddenSlotKeys(sops: readonly SopDefinition[]): string[] {
  return sops.flatMap((sop) =>
    Object.entries(sop.participants)
      .filter(([, spec]) => spec.hiddenUntilConsent)
      .map(([slot]) => `${sop.id}:${slot}`),
  );
}

/** Does the intake call for this slot? (always, unless the slot declares `onlyWhen`) */
export function slotNeeded(spec: ParticipantSpec, intake: Readonly<Record<string, unknown>>): boolean {
  return !spec.onlyWhen || intake[spec.onlyWhen.field] === spec.onlyWhen.equals;
}

/**
 * The agencies of a new case by slot: the ones named, else each slot's default; slots the intake does not call for
 * are left empty (naming an agency for one is an error). Errors name the field and the reason, never the value.
 */
export function caseParticipants(
  sop: SopDefinition,
  intake: Readonly<Record<string, unknown>>,
  given: Readonly<Record<string, unknown>> = {},
): { participants: Record<string, string>; errors: { field: string; reason: string }[] } {
  const participants: Record<string, string> = {};
  const errors: { field: string; reason: string }[] = [];
  for (const key of Object.keys(given)) {
    if (!(key in sop.participants))
      errors.push({ field: `participants.${key}`, reason: 'is not a participant slot of this SOP' });
  }
  for (const [slot, spec] of Object.entries(sop.participants)) {
    if (!slotNeeded(spec, intake)) {
      if (given[slot] !== undefined) {
        errors.push({
          field: `participants.${slot}`,
          reason: `takes part only when input.${spec.onlyWhen!.field} is ${String(spec.onlyWhen!.equals)}; leave it out`,
        });
      }
      continue;
    }
    const agency = given[slot] ?? spec.defaultAgency;
    if (typeof agency !== 'string' || !/^[a-z0-9-]{1,64}$/.test(agency)) {
      errors.push({ field: `participants.${slot}`, reason: `must name the ${spec.label} (an agency id)` });
    } else participants[slot] = agency;
  }
  return { participants, errors };
}

/** The kinds of agency that may fill a slot. */
export function slotKinds(spec: ParticipantSpec): readonly AgencyKind[] | 'any' {
  return spec.kind === 'demo' ? 'any' : [spec.kind, ...(spec.alsoKinds ?? [])];
}

/**
 * Why a registered agency of `kind` may not fill the slot, or undefined when it may. The reason names kinds only,
 * which are not personal.
 */
export function slotKindMismatch(spec: ParticipantSpec, kind: string): string | undefined {
  const kinds = slotKinds(spec);
  if (kinds === 'any' || (kinds as readonly string[]).includes(kind)) return undefined;
  return `must be ${kinds.length > 1 ? `one of the kinds ${kinds.join(', ')}` : `a ${kinds[0]} agency`} (the ${spec.label}); this agency is a ${kind}`;
}

/**
 * Who an overdue step is escalated to, level by level: the supervisors of the agency holding the task, then the lead
 * agency's coordinators. The last level keeps repeating until the step is done.
 */
export type EscalationLevel = 'slot-supervisors' | 'lead-coordinators';

/** Escalation after a breach: repeated every `every` (ISO 8601 duration), one level up `chain` each time. */
export interface EscalationSpec {
  every: string;
  chain: readonly EscalationLevel[];
}

/** When an SOP declares none: daily, from the task agency's supervisors to the lead's coordinators (inferred). */
export const DEFAULT_ESCALATION: EscalationSpec = { every: 'P1D', chain: ['slot-supervisors', 'lead-coordinators'] };

export const SUPERVISOR_ROLES: readonly string[] = ['supervisor', 'manager'];

export interface StepSpec {
  id: string;
  title: string;
  /** Which participant acts, and which of its roles may. */
  actor: { slot: string; roles: readonly string[] };
  form: FormSpec;
  /** ISO 8601 duration (e.g. `PT4H`, `P2D`): the time the step should take. */
  target?: string;
  /** True where the clock waits on the person's own decision rather than an agency. */
  pausesAgencyClock?: boolean;
  /** Seed line references, e.g. `L1602-L1605`, or `inferred` where the seed is silent. */
  seed: readonly string[];
  description?: string;
  /** The SOP phase the step belongs to (e.g. `inspection`, `protection`): separation rules are stated per phase. */
  phase?: string;
  /** Runs once per person found (in a child workflow); its tasks carry the person's code, never a name. */
  perPerson?: boolean;
  /** Recurs on a cadence (ISO 8601 duration) until the SOP moves on. */
  recurs?: string;
  /**
   * The step passes data to another agency: it opens only once a matching consent is active (the case shows it as
   * waiting for consent meanwhile), and its completion is refused if the consent was withdrawn in between.
   */
  requiresConsent?: ConsentRequirement;
  /** The compartment the step's form values are written to (fields may override); the policy must let the actor write it. */
  compartment?: CompartmentId;
  /** How a breach of this step is escalated; default the SOP's `escalation`, else DEFAULT_ESCALATION. */
  escalation?: EscalationSpec;
  /**
   * Once completed (and its form says so), the step starts a follow-on case of another SOP for the person, carrying
   * only the declared intake fields and only under the declared consent; both cases show the link.
   */
  startsCase?: StartsCaseSpec;
}

/** A fact from outside any inbox (a consulate issues a travel document), reported with `POST /cases/:id/events`. */
export interface EventSpec {
  type: string;
  title: string;
  /** Who may report it: a participant slot and the roles of that agency allowed to. */
  reporters: readonly { slot: string; roles: readonly string[] }[];
  form: FormSpec;
  seed: readonly string[];
  /** Reported at any time, it ends the case in this end state (e.g. the person withdraws). */
  endsCaseAs?: string;
  description?: string;
  /** The compartment the event's data is written to (fields may override). */
  compartment?: CompartmentId;
  /**
   * The event fits only a case whose latest completion of `step` chose `equals` in `field` (a refusal of a route
   * the case never took is refused with 409 and this reason).
   */
  onlyWhen?: { step: string; field: string; equals: string };
  /**
   * The event concerns one person: the form's `field` holds the person's code (W1, P2…), and the event goes to that
   * person's branch, not to the whole case. A code no branch of the case carries, or a branch that has ended, is
   * refused with 409 and the reason. With `endsAs`, it ends that person's branch in this end state (which declares the
   * person's outcome), while the case goes on for the others.
   */
  person?: { field: string; endsAs?: string };
  /**
   * The event sends the case back to an earlier decision (a chosen route failed, the person changed their mind): the
   * open tasks close, a new round starts at `step` and keeps its own tasks and timeline. At most `limit` rounds; past
   * the limit the event ends the case as `endsCaseAs` if it declares one, else it is refused (409). Refused once
   * `until` is done (the person has left). Cases started before rounds existed take `endsCaseAs`, as they did.
   */
  reopens?: { step: string; limit: number; until?: string };
}

export interface TransitionSpec {
  from: string;
  to: string;
  when?: string;
}

/**
 * What became of a person, whatever the SOP: every end state a person's branch (or a one-person case) can reach names
 * one, so managers compare outcomes across SOPs. The reason is the end state itself (or the ending event's reason).
 */
export const PERSON_OUTCOMES = [
  'returned',
  'stayed-in-destination',
  'absconded',
  'lost-contact',
  'referred-elsewhere',
  'withdrawn',
  'assisted',
  'declined-assistance',
  'not-identified',
] as const;

export type PersonOutcome = (typeof PERSON_OUTCOMES)[number];

export interface EndStateSpec {
  id: string;
  description: string;
  seed?: readonly string[];
  /** The person's outcome when their branch (or a one-person case) ends here. */
  personOutcome?: PersonOutcome;
}

export interface SopRule {
  id: string;
  text: string;
  seed: readonly string[];
  /**
   * Two phases kept apart: a participant acting in one and not the other does not see the other's tasks, timeline
   * entries or per-person branches (the API enforces it on the case view).
   */
  separatesPhases?: readonly [string, string];
}

export interface SopDefinition {
  id: string;
  version: number;
  title: string;
  summary: string;
  seed: readonly string[];
  /** Workflow type that runs this SOP. */
  workflowType: string;
  participants: Readonly<Record<string, ParticipantSpec>>;
  /**
   * The lead agency's slot (it runs the case as a whole; default: the slot acting in the first step) and the roles
   * of it that coordinate the case, beside the slot's supervisor roles. Only they cancel a case (case-actions.ts).
   */
  lead?: { slot: string; coordinatorRoles: readonly string[] };
  /** The form of `POST /cases` `input` for this SOP (participants are given separately). */
  intake: FormSpec;
  /** The compartment the intake values are written to at case start (fields may override). */
  intakeCompartment?: CompartmentId;
  steps: readonly StepSpec[];
  events?: readonly EventSpec[];
  /** Rules that must hold over the declaration, stated for readers and checked by tests (e.g. phase separation). */
  rules?: readonly SopRule[];
  transitions: readonly TransitionSpec[];
  endStates: readonly EndStateSpec[];
  /** How breaches are escalated in this SOP (steps may override); default DEFAULT_ESCALATION. */
  escalation?: EscalationSpec;
  /** The SOP's access rules over case compartments, declared beside it (`<sop>.policy.ts`; policy.ts builds the whole). */
  access?: readonly SopAccessRule[];
  /**
   * Deadlines computed from the case's data (age-out at 18, a document's expiry, a medical limit on travel): shown on
   * the guarded tasks and the case, reminded and escalated before they pass (data-deadlines.contract.ts).
   */
  dataDeadlines?: readonly DataDeadlineSpec[];
}

export function findStep(sop: SopDefinition, stepId: string): StepSpec {
  const step = sop.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`SOP ${sop.id} has no step ${stepId}`);
  return step;
}

export function findEvent(sop: SopDefinition, type: string): EventSpec | undefined {
  return sop.events?.find((e) => e.type === type);
}

/** Parses the subset of ISO 8601 durations SOPs use (days, hours, minutes, seconds) into milliseconds. */
export function durationToMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) throw new Error(`not a supported ISO 8601 duration: ${iso}`);
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}
