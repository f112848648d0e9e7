import {
  ChildWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  sleep as sdkSleep,
} from '@temporalio/workflow';
import type { Actor, CaseActivities, CaseStartInput, TaskView } from '@waymark/contracts';

/** A Temporal duration: milliseconds or a string such as `'2 weeks'`. */
export type Duration = Parameters<typeof sdkSleep>[0];

/**
 * Consent gates were added after cases were already running: histories recorded before them replay without the
 * gate's activity calls (docs/sop-versioning.md).
 */
export const CONSENT_GATES_PATCH = 'consent-gates';
/**
 * Signals whose arguments the worker's codec refused (ADR 0008) are ignored; before, any signal nudged the consent
 * gates. A history that took such a signal earlier replays without the patch, as it ran.
 */
export const FOREIGN_PAYLOADS_PATCH = 'foreign-payloads';
/** A gate also looks again on its own, in case the API's nudge after a consent change was lost. */
export const CONSENT_RECHECK = '1 hour';

/**
 * The read-model writes of the hand-off path (case opened, task opened, completed, claimed, timeline notes, case
 * closed) run as local activities: in the worker that runs the workflow task, without a task-queue round trip, so a
 * completion's update answers once the next task's row is committed (docs/architecture/decisions, local projection
 * writes). Histories recorded before took ordinary activities and replay so.
 */
export const LOCAL_PROJECTION_PATCH = 'local-projection-writes';

const ACTIVITY_OPTIONS = {
  // Projection writes take milliseconds; a short timeout lets a crashed worker's activity be retried quickly.
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
} as const;

export const activities = proxyActivities<CaseActivities>(ACTIVITY_OPTIONS);

const localActivities = proxyLocalActivities<CaseActivities>(ACTIVITY_OPTIONS);

/**
 * Local projection writes run one at a time. When an update handler and the workflow's main path each had a local
 * activity in flight, the worker saw their results in the order they finished, while a replay sees them together:
 * the commands that followed (the update's answer, the next task's timer) could then come in another order and the
 * replay failed as nondeterministic. With one write in flight at a time there is one order. Histories recorded
 * before replay with the writes side by side, as they ran.
 */
export const SERIAL_PROJECTION_PATCH = 'serial-projection-writes';

let lastWrite: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(write: () => Promise<T>): Promise<T> {
  const result = lastWrite.then(write, write);
  lastWrite = result.catch(() => undefined);
  return result;
}

const serialLocalActivities = new Proxy(localActivities, {
  get(target, name: keyof CaseActivities) {
    const call = target[name] as (...args: unknown[]) => Promise<unknown>;
    return (...args: unknown[]) => oneAtATime(() => call(...args));
  },
});

/** The projection writes: local activities from the patch on, ordinary activities in histories from before it. */
export function projection(): CaseActivities {
  if (!patched(LOCAL_PROJECTION_PATCH)) return activities;
  return patched(SERIAL_PROJECTION_PATCH) ? serialLocalActivities : localActivities;
}

export interface TaskState extends TaskView {
  result?: HumanTaskResult;
  targetMs?: number;
  /** Bumped by each deadline extension so the deadline watcher restarts its timers. */
  dueVersion: number;
}

export interface HumanTaskResult<F = Record<string, unknown>> {
  taskId: string;
  form: F;
  actor: Actor;
}

export interface ReportedEvent<D = Record<string, unknown>> {
  type: string;
  sequence: number;
  reportedAt: string;
  data: D;
  actor: Actor;
}

/**
 * Thrown inside a running SOP when the case is cancelled or an any-time event ends it; `run` turns it into the
 * end state. SOP code should let it propagate (catching it would keep a cancelled case running).
 */
export class CaseInterrupted extends Error {
  constructor(
    readonly endState: string,
    readonly status: 'completed' | 'cancelled',
  ) {
    super(`case interrupted: ${endState}`);
    this.name = 'CaseInterrupted';
  }
}

/**
 * Thrown by `sop.end(endState)` from anywhere in SOP code (a helper deep in a parallel track): `run` ends the case,
 * or the person's branch, in that end state, as if the body had returned it. The one way to end early.
 */
export class CaseEnds extends Error {
  constructor(readonly endState: string) {
    super(`end state ${endState}`);
    this.name = 'CaseEnds';
  }
}

export interface PersonBranch<R> {
  subject: string;
  handle: ChildWorkflowHandle<(input: CaseStartInput) => Promise<R>>;
}
