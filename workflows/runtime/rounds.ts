import { findStep, type EventSpec, type SopDefinition, type TaskView } from '@waymark/contracts';

/**
 * Rounds (EventSpec.reopens) came after cases were already running: `inRounds` asks for this patch where it starts,
 * so a case started before replays without rounds and its reopening events end it as they did (`endsCaseAs`).
 */
export const ROUNDS_PATCH = 'case-rounds';

/**
 * Thrown inside a running SOP body when an event sends the case back to an earlier decision; `inRounds` catches it
 * and starts the next round. SOP code lets it propagate, like CaseInterrupted.
 */
export class RoundReopened extends Error {
  constructor(
    readonly round: number,
    readonly step: string,
    readonly eventType: string,
    readonly sequence: number,
  ) {
    super(`round ${round} from ${step}`);
    this.name = 'RoundReopened';
  }
}

/** What the case's state says about whether an event may reopen it now. */
export interface RoundState {
  /** True while the SOP body runs inside `inRounds` (and the case took the rounds patch). */
  inRounds: boolean;
  round: number;
  pending: boolean;
  tasks: ReadonlyMap<string, TaskView & { result?: unknown }>;
}

/**
 * How a reopening event acts on the case now: `reopen` (a new round), `end` (past the limit, or in a case without
 * rounds: its `endsCaseAs`), or a reason for refusing it (409). Pure: validators and handlers decide alike.
 */
export function reopenDecision(
  sop: SopDefinition,
  spec: EventSpec,
  state: RoundState,
): { kind: 'reopen' } | { kind: 'end' } | { kind: 'refuse'; reason: string } {
  const reopens = spec.reopens!;
  const fallback = spec.endsCaseAs ? ({ kind: 'end' } as const) : undefined;
  if (!state.inRounds)
    return (
      fallback ?? {
        kind: 'refuse',
        reason: `This case can no longer go back to "${findStep(sop, reopens.step).title}" at this point.`,
      }
    );
  if (state.pending) return { kind: 'refuse', reason: 'The case is already going back to an earlier decision.' };
  if (reopens.until && [...state.tasks.values()].some((t) => t.step === reopens.until && t.result !== undefined))
    return {
      kind: 'refuse',
      reason: `The case can no longer go back: "${findStep(sop, reopens.until).title}" is done.`,
    };
  if (state.round >= reopens.limit)
    return (
      fallback ?? {
        kind: 'refuse',
        reason: `The case has had ${state.round} rounds, the most this SOP allows; its lead decides how it ends.`,
      }
    );
  return { kind: 'reopen' };
}
