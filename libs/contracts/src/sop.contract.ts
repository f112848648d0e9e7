import type { FormSpec } from './forms.contract';

/** The seed every SOP step is grounded in. Line references are to this file. */
export const SEED_FILE = 'seed/000_da4da5927a6bd266.txt';

export type AgencyKind =
  | 'municipality'
  | 'labour-inspectorate'
  | 'police'
  | 'ngo'
  | 'consulate'
  | 'return-agency'
  | 'iom'
  | 'shelter'
  | 'court'
  | 'demo';

/** A participant slot of an SOP, filled by a concrete agency when a case starts. */
export interface ParticipantSpec {
  kind: AgencyKind;
  label: string;
  /** Agency id used when the case input does not name one (embedded default and examples). */
  defaultAgency?: string;
}

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
}

export interface TransitionSpec {
  from: string;
  to: string;
  when?: string;
}

export interface EndStateSpec {
  id: string;
  description: string;
  seed?: readonly string[];
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
  /** The form of `POST /cases` `input` for this SOP (participants are given separately). */
  intake: FormSpec;
  steps: readonly StepSpec[];
  transitions: readonly TransitionSpec[];
  endStates: readonly EndStateSpec[];
}

export function findStep(sop: SopDefinition, stepId: string): StepSpec {
  const step = sop.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`SOP ${sop.id} has no step ${stepId}`);
  return step;
}

/** Parses the subset of ISO 8601 durations SOPs use (days, hours, minutes, seconds) into milliseconds. */
export function durationToMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) throw new Error(`not a supported ISO 8601 duration: ${iso}`);
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}
