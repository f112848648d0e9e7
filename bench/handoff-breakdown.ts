import type { Client } from '@temporalio/client';
import { workflowIdForCase } from '../libs/contracts/src/messages.contract';
import { summarize, type Summary } from './stats';

/** One timed hand-off: the case, the client's `POST /tasks/:id/complete` and the first `GET /tasks` that showed B's task. */
export interface HandoffSample {
  caseId: string;
  /** When the POST was sent and when its answer arrived (epoch ms). */
  sentAt: number;
  answeredAt: number;
  /** The `GET /tasks` that showed the next task (ms, from the POST's answer). */
  inboxMs: number;
}

/**
 * Where a hand-off's time goes, from the clocks that saw it: the client's, and the case's own history (the workflow
 * task that took the update), with the worker's own timing of its local writes (logged at debug level while the
 * hand-offs ran). Each part in ms over the samples.
 */
export interface HandoffBreakdown {
  n: number;
  /** Client sends the POST → the update's workflow task is scheduled: the API's checks and the update RPC. */
  apiBeforeUpdate: Summary;
  /** The workflow task scheduled → started: Temporal handing it to the worker. */
  dispatch: Summary;
  /** Started → completed: the workflow's validator and handler, deciding the next step, and its local writes. */
  worker: Summary;
  /**
   * recordHandOff, a local activity: the completion and the next task in one PostgreSQL transaction (decision 0012),
   * as the worker timed it (a new case's opening with its first task is one too, and counted here).
   */
  handOffWrite?: Summary;
  /** recordTaskCompleted alone (cases from before decision 0012, and a case's last step), as the worker timed it. */
  completionWrite?: Summary;
  /** openTask alone (cases from before decision 0012), as the worker timed it. */
  nextTaskWrite?: Summary;
  /** Workflow task completed → the client has the POST's answer: Temporal, the API and HTTP back. */
  answerBack: Summary;
  /** B's `GET /tasks` that shows the task. */
  inbox: Summary;
}

type Ts = { seconds?: string | number | null | { toNumber(): number }; nanos?: number | null } | null | undefined;

const ms = (t: Ts): number => {
  if (!t) return NaN;
  const s = t.seconds;
  const sec = typeof s === 'object' && s !== null ? s.toNumber() : Number(s ?? 0);
  return sec * 1000 + (t.nanos ?? 0) / 1e6;
};

/** The worker's `activity timing` lines (debug level) of one activity type in a stretch of the stack's log. */
export function activityTimings(log: string, activity: string): number[] {
  const out: number[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"activity timing"')) continue;
    try {
      const entry = JSON.parse(line.slice(line.indexOf('{'))) as { activity?: string; ms?: number; ok?: boolean };
      if (entry.activity === activity && entry.ok && typeof entry.ms === 'number') out.push(entry.ms);
    } catch {
      // a line cut by another process's output: skipped
    }
  }
  return out;
}

/** The breakdown of the samples whose history shows the workflow task that accepted the hand-off's update. */
export async function handoffBreakdown(
  client: Client,
  samples: HandoffSample[],
  workerLog = '',
): Promise<HandoffBreakdown | undefined> {
  const parts = { apiBeforeUpdate: [], dispatch: [], worker: [], answerBack: [], inbox: [] } as Record<
    'apiBeforeUpdate' | 'dispatch' | 'worker' | 'answerBack' | 'inbox',
    number[]
  >;
  for (const s of samples) {
    const history = await client.workflow.getHandle(workflowIdForCase(s.caseId)).fetchHistory();
    const events = history.events ?? [];
    const accepted = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    // The workflow task that accepted the update: completed just before it, started and scheduled before that.
    const [scheduled, started, completed] = events.slice(accepted - 3, accepted);
    if (accepted < 3 || !started?.workflowTaskStartedEventAttributes || !completed.workflowTaskCompletedEventAttributes)
      continue;
    const t = {
      scheduled: ms(scheduled.eventTime),
      started: ms(started.eventTime),
      completed: ms(completed.eventTime),
    };
    parts.apiBeforeUpdate.push(t.scheduled - s.sentAt);
    parts.dispatch.push(t.started - t.scheduled);
    parts.worker.push(t.completed - t.started);
    parts.answerBack.push(s.answeredAt - t.completed);
    parts.inbox.push(s.inboxMs);
  }
  if (parts.inbox.length === 0) return undefined;
  const writes = (activity: string) => {
    const timings = activityTimings(workerLog, activity);
    return timings.length ? summarize(timings) : undefined;
  };
  const handOffWrite = writes('recordHandOff');
  const completionWrite = writes('recordTaskCompleted');
  const nextTaskWrite = writes('openTask');
  return {
    n: parts.inbox.length,
    apiBeforeUpdate: summarize(parts.apiBeforeUpdate),
    dispatch: summarize(parts.dispatch),
    worker: summarize(parts.worker),
    ...(handOffWrite ? { handOffWrite } : {}),
    ...(completionWrite ? { completionWrite } : {}),
    ...(nextTaskWrite ? { nextTaskWrite } : {}),
    answerBack: summarize(parts.answerBack),
    inbox: summarize(parts.inbox),
  };
}
