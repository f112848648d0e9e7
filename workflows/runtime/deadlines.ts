import { condition, patched } from '@temporalio/workflow';
import { ESCALATION_WATCH_PATCH } from './escalation-repeats';

/**
 * Escalations repeat up the SOP's chain until the step is done. Histories recorded before escalated once and then
 * waited without a timer: they replay without the patch, as they ran.
 */
export const REPEATING_ESCALATIONS_PATCH = 'repeating-escalations';

const DAY_MS = 86_400_000;

/** The due date of a task opened at `from`: whole-day targets skip weekends on a working-day calendar. */
export function addTarget(from: Date, targetMs: number, calendar: 'calendar' | 'working'): Date {
  if (calendar !== 'working' || targetMs % DAY_MS !== 0) return new Date(from.getTime() + targetMs);
  const due = new Date(from.getTime());
  let days = targetMs / DAY_MS;
  while (days > 0) {
    due.setUTCDate(due.getUTCDate() + 1);
    const weekday = due.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days -= 1;
  }
  return due;
}

/** What the deadline watcher reads of a task; `dueVersion` is bumped by each extension. */
export interface WatchedTask {
  dueAt?: string;
  targetMs?: number;
  dueVersion: number;
}

export interface DeadlineHooks {
  /** True once the task closed or the case was interrupted: the watcher then ends quietly. */
  closed(): boolean;
  reminderShare: number;
  remind(): Promise<void>;
  /** Level 0 at the breach, then one level up the chain per repeat. */
  escalate(level: number): Promise<void>;
  /** The time between repeats; undefined: escalate once. */
  repeatEveryMs?: number;
  /**
   * Runs the repeats elsewhere (a child workflow, escalation-repeats.ts) from level 1 at `firstAt` until `stop`,
   * so that a step open for months does not grow the case's history.
   */
  watchRepeats?(firstAt: number, stop: () => boolean): Promise<void>;
}

/**
 * A step's deadline as Temporal timers: a reminder at `reminderShare` of the target, an escalation at the breach
 * repeated up the escalation chain every `repeatEveryMs` until the step is done, and a fresh clock after each
 * extension. Never throws, so it can run beside the step without failing the workflow.
 */
export async function watchDeadline(task: WatchedTask, hooks: DeadlineHooks): Promise<void> {
  let remind = task.targetMs !== undefined;
  for (;;) {
    const version = task.dueVersion;
    const moved = () => task.dueVersion !== version;
    const due = Date.parse(task.dueAt!);
    if (remind && task.targetMs !== undefined) {
      remind = false;
      const untilReminder = due - task.targetMs * (1 - hooks.reminderShare) - Date.now();
      if (untilReminder > 0 && !(await condition(() => hooks.closed() || moved(), untilReminder))) await hooks.remind();
      if (hooks.closed()) return;
      if (moved()) continue;
    }
    const untilDue = due - Date.now();
    if (untilDue > 0 && (await condition(() => hooks.closed() || moved(), untilDue))) {
      if (hooks.closed()) return;
      continue;
    }
    await hooks.escalate(0);
    if (hooks.repeatEveryMs !== undefined && patched(REPEATING_ESCALATIONS_PATCH)) {
      if (hooks.watchRepeats && patched(ESCALATION_WATCH_PATCH)) {
        await hooks.watchRepeats(Date.now() + hooks.repeatEveryMs, () => hooks.closed() || moved());
        if (hooks.closed()) return;
        continue;
      }
      // Until the step is done or the deadline moves: again every interval, one level higher each time.
      for (let level = 1; !(await condition(() => hooks.closed() || moved(), hooks.repeatEveryMs)); level++) {
        await hooks.escalate(level);
      }
    } else {
      await condition(() => hooks.closed() || moved());
    }
    if (hooks.closed()) return;
  }
}
