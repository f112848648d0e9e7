import { CancellationScope, condition, startChild, workflowInfo } from '@temporalio/workflow';
import { workflowIdForCase, type DeadlineEventInput } from '@waymark/contracts';
import { escalationWatchWorkflow } from './escalation-watch.workflow';

/**
 * Escalation repeats run in a child workflow from this patch on (escalation-watch.workflow.ts); histories recorded
 * before repeated them in the case's own workflow and replay so.
 */
export const ESCALATION_WATCH_PATCH = 'escalation-watch-child';

export interface RepeatWatch {
  /** The task as the case sees it now: when its agency changes, the watch restarts with the new notices. */
  agencyId(): string;
  /** The notices for levels 1..n of the chain, for the task's current agency. */
  levels(): DeadlineEventInput[];
  everyMs: number;
  /** When level 1 is due. */
  firstAt: number;
  /** True once the step is done, the deadline moved or the case ended. */
  stop(): boolean;
  caseId: string;
  subject?: string;
  /** A number unique among the watches of this workflow. */
  seq: () => number;
}

/**
 * The workflow id of a watch: the case's (so its payloads are sealed with the case's key and erased with it) plus a
 * short code of the branch and the watch. Never personal: person codes are codes.
 */
function watchWorkflowId(w: RepeatWatch, seq: number): string {
  const code = `e${seq}-${w.subject ?? '0'}`;
  return code.length <= 16 ? `${workflowIdForCase(w.caseId)}:${code}` : `${workflowInfo().workflowId}:e${seq}`;
}

/** Runs the repeats in a child workflow until `stop`; restarts it on the schedule's next level after a hand-over. */
export async function watchRepeats(w: RepeatWatch): Promise<void> {
  for (;;) {
    const agency = w.agencyId();
    const elapsed = Date.now() - w.firstAt;
    // Levels whose time has come were sent by the previous watch: go on with the next one.
    const level = elapsed >= 0 ? Math.floor(elapsed / w.everyMs) + 2 : 1;
    const scope = new CancellationScope();
    const child = await scope.run(() =>
      startChild(escalationWatchWorkflow, {
        workflowId: watchWorkflowId(w, w.seq()),
        parentClosePolicy: 'TERMINATE',
        args: [{ levels: w.levels(), firstAt: new Date(w.firstAt).toISOString(), everyMs: w.everyMs, level }],
      }),
    );
    // It ends only by cancellation (or termination with the case): its outcome is of no interest.
    child.result().catch(() => undefined);
    await condition(() => w.stop() || w.agencyId() !== agency);
    scope.cancel();
    if (w.stop()) return;
  }
}
