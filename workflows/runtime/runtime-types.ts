import {
  ChildWorkflowHandle,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  sleep as sdkSleep,
} from '@temporalio/workflow';
import type {
  Actor,
  CaseActivities,
  CaseStartInput,
  CompleteTaskRecordInput,
  RecordCaseOpenedInput,
  TaskView,
} from '@waymark/contracts';

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

/**
 * A completion's row commits with the write that follows it (the next task, a decision's note, the case's close):
 * one local activity and one transaction for a hand-off instead of two (decision 0012). Histories recorded before
 * wrote the completion alone and replay so.
 */
export const ONE_COMMIT_HAND_OFF_PATCH = 'one-commit-hand-off';

/** A completion waiting for a write to carry it; `written` once one took it (or it went alone). */
interface Rider {
  input: CompleteTaskRecordInput;
  written?: Promise<void>;
}

let riders: Rider[] = [];

/**
 * A case's opening rides with its first write the same way (the first task, usually), so a new case costs one
 * local activity and one transaction after its start. Histories recorded before wrote the opening alone first.
 */
export const ONE_COMMIT_OPENING_PATCH = 'one-commit-case-opening';

interface OpeningRider {
  input: RecordCaseOpenedInput;
  written?: Promise<void>;
}

let opening: OpeningRider | undefined;

type Carrier = 'openTask' | 'recordTimeline' | 'closeCase';
const CARRIERS: ReadonlySet<string> = new Set<Carrier>(['openTask', 'recordTimeline', 'closeCase']);

/**
 * The serial local writes, where a carrier takes the opening and the completions waiting for one into its
 * transaction; any other write lets a waiting opening go first, alone (the case row comes before anything else).
 */
const carryingLocalActivities = new Proxy(serialLocalActivities, {
  get(target, name: keyof CaseActivities) {
    const write = target[name] as (input: never) => Promise<unknown>;
    if (!CARRIERS.has(name)) {
      return (input: never) => {
        const first = opening;
        if (first) {
          opening = undefined;
          first.written = target.recordCaseOpened(first.input);
        }
        return write(input);
      };
    }
    return (input: never) => {
      if (riders.length === 0 && !opening) return write(input);
      const taken = riders;
      const opened = opening;
      riders = [];
      opening = undefined;
      const then = { [name]: input } as unknown as Parameters<CaseActivities['recordHandOff']>[0]['then'];
      const written = target.recordHandOff({
        ...(opened ? { opened: opened.input } : {}),
        completed: taken.map((r) => r.input),
        then,
      });
      for (const rider of taken) rider.written = written;
      if (opened) opened.written = written;
      return written;
    };
  },
});

/** The projection writes: local activities from the patch on, ordinary activities in histories from before it. */
export function projection(): CaseActivities {
  if (!patched(LOCAL_PROJECTION_PATCH)) return activities;
  return patched(SERIAL_PROJECTION_PATCH) ? carryingLocalActivities : localActivities;
}

/**
 * One pass of the workflow's condition loop: false when first asked (so it waits), true at the next pass. The SDK
 * runs every microtask between two passes, so whatever a pass woke has gone on to its next wait by the one after.
 */
function nextPass(): Promise<void> {
  let asked = false;
  return condition(() => {
    if (asked) return true;
    asked = true;
    return false;
  });
}

/**
 * Records the case's opening. From the patch on, the case's first write takes it into its transaction (the SOP body
 * runs on meanwhile); if none wrote by the second pass, it is written alone. The promise settles once it is
 * committed; the caller awaits it before the case ends.
 */
export async function writeOpening(input: RecordCaseOpenedInput): Promise<void> {
  if (!patched(ONE_COMMIT_OPENING_PATCH)) return projection().recordCaseOpened(input);
  const rider: OpeningRider = { input };
  opening = rider;
  await nextPass();
  await nextPass();
  if (!rider.written) {
    opening = undefined;
    rider.written = projection().recordCaseOpened(input);
  }
  await rider.written;
}

/**
 * Records a task's completion. From the patch on, the paths that waited for the task (woken by the result the
 * caller has already set) first go on to their next write, which takes the completion into its own transaction;
 * if none wrote by the second pass (the next step waits on consent, a timer or an event), it is written alone.
 * Either way this returns once the completion is committed.
 */
export async function writeCompletion(input: CompleteTaskRecordInput, setResult: () => void): Promise<void> {
  if (!patched(ONE_COMMIT_HAND_OFF_PATCH)) {
    await projection().recordTaskCompleted(input);
    setResult();
    return;
  }
  const rider: Rider = { input };
  riders.push(rider);
  setResult();
  await nextPass();
  await nextPass();
  if (!rider.written) {
    riders = riders.filter((r) => r !== rider);
    rider.written = projection().recordTaskCompleted(input);
  }
  await rider.written;
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
