import { continueAsNew, sleep, workflowInfo } from '@temporalio/workflow';
import type { DeadlineEventInput } from '@waymark/contracts';
import { activities } from './runtime-types';

/**
 * The repeats of one overdue task's escalation, in a workflow of their own (started by the case at the breach,
 * cancelled by it when the step is done, the deadline moves or the task changes hands). A step left open for months
 * adds one child start and one cancellation to the case's history instead of a timer and an activity per repeat;
 * this workflow continues as new every REPEATS_PER_RUN repeats, so no history grows without bound.
 */
export interface EscalationWatchInput {
  /** The notice for level 1, 2, … of the chain; past the end the last one again (with its level number). */
  levels: readonly DeadlineEventInput[];
  /** Level `n` (n >= 1) is due at `firstAt` + (n - 1) × `everyMs`: a fixed schedule, so a restart does not drift. */
  firstAt: string;
  everyMs: number;
  /** The next level to send. */
  level: number;
}

/** Repeats per run: a year of daily repeats takes 12 runs of about 250 history events each. */
export const REPEATS_PER_RUN = 30;

export function repeatDueAt(input: Pick<EscalationWatchInput, 'firstAt' | 'everyMs'>, level: number): number {
  return Date.parse(input.firstAt) + (level - 1) * input.everyMs;
}

export async function escalationWatchWorkflow(input: EscalationWatchInput): Promise<void> {
  let level = input.level;
  for (let sent = 0; sent < REPEATS_PER_RUN && !workflowInfo().continueAsNewSuggested; sent++) {
    const wait = repeatDueAt(input, level) - Date.now();
    // A cancellation (the step was done) ends the workflow here, cancelled, with nothing more sent.
    if (wait > 0) await sleep(wait);
    const notice = input.levels[Math.min(level, input.levels.length) - 1];
    await activities.recordEscalation({ ...notice, level, at: new Date().toISOString() });
    level += 1;
  }
  await continueAsNew<typeof escalationWatchWorkflow>({ ...input, level });
}
