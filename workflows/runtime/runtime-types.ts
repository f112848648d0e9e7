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

/** The projection writes: local activities from the patch on, ordinary activities in histories from before it. */
export function projection(): CaseActivities {
  return patched(LOCAL_PROJECTION_PATCH) ? localActivities : activities;
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
