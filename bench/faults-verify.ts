import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { workflowIdForCase } from '@waymark/contracts';
import type { CaseRun, FaultLoad } from './faults-load';

export interface Verdict {
  cases: number;
  casesLost: number;
  duplicatedSteps: number;
  stuckTasks: number;
  /** One line per problem, for the log (ids and step names only). */
  problems: string[];
}

const EventType = temporal.api.enums.v1.EventType;

/** Accepted `completeTask` updates in the workflow's own history: what the workflow took, whatever the projection. */
async function acceptedCompletions(client: Client, caseId: string): Promise<number | undefined> {
  try {
    const history = await client.workflow.getHandle(workflowIdForCase(caseId)).fetchHistory();
    return (history.events ?? []).filter(
      (e) =>
        e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED &&
        e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'completeTask',
    ).length;
  } catch {
    return undefined;
  }
}

/**
 * Checks every case the load touched against the workflow's truth, once the stack is whole again: walks that gave
 * up resume (same keys), then each case must exist in the workflow service and the projection (else lost), show
 * each step completed once in its timeline and once among the workflow's accepted updates (else duplicated), and
 * reach the script's end state (closed, or the next step open) within `settleMs` (else stuck).
 */
export async function verifyCases(
  load: FaultLoad,
  runs: CaseRun[],
  temporalAddress: string,
  settleMs = 90_000,
): Promise<Verdict> {
  const verdict: Verdict = { cases: runs.length, casesLost: 0, duplicatedSteps: 0, stuckTasks: 0, problems: [] };
  const connection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection });
  const deadline = Date.now() + settleMs;
  try {
    // A request that died half-way: its key finds the case it created, if it created one.
    for (const run of runs.filter((r) => !r.caseId)) {
      const found = await load.call('GET', `/cases?idempotencyKey=${run.key}`, run.script.starter, { deadline });
      const id = (found?.body?.items as { caseId: string }[] | undefined)?.[0]?.caseId;
      if (id) run.caseId = id;
    }
    await Promise.all(runs.filter((r) => r.gaveUpAt).map((r) => load.walk(r)));
    for (const run of runs) {
      if (!run.caseId) {
        verdict.stuckTasks++;
        verdict.problems.push(`${run.key}: never started (${run.gaveUpAt ?? 'no answer'})`);
        continue;
      }
      const id = run.caseId;
      const view = await load.call('GET', `/cases/${id}`, run.script.starter, { deadline: Date.now() + 30_000 });
      const accepted = await acceptedCompletions(client, id);
      if (view?.status !== 200 || accepted === undefined) {
        verdict.casesLost++;
        verdict.problems.push(
          `${id}: lost (projection ${view?.status ?? 'no answer'}, workflow ${accepted ?? 'absent'})`,
        );
        continue;
      }
      const then = run.script.then;
      const settled = await waitForEnd(load, run, then, deadline);
      if (!settled || run.gaveUpAt) {
        verdict.stuckTasks++;
        verdict.problems.push(`${id}: stuck (${run.gaveUpAt ?? ('status' in then ? 'not closed' : then.openStep)})`);
      }
      const latest = await load.call('GET', `/cases/${id}`, run.script.starter, { deadline: Date.now() + 30_000 });
      const perStep = new Map<string, number>();
      for (const e of (latest?.body?.timeline ?? []) as { kind: string; step?: string; subject?: string | null }[]) {
        if (e.kind !== 'task-completed') continue;
        const k = `${e.step}/${e.subject ?? ''}`;
        perStep.set(k, (perStep.get(k) ?? 0) + 1);
      }
      const extra = [...perStep.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
      const acceptedNow = (await acceptedCompletions(client, id)) ?? 0;
      const extraInWorkflow = Math.max(0, acceptedNow - perStep.size);
      if (extra > 0 || extraInWorkflow > 0) {
        verdict.duplicatedSteps += Math.max(extra, extraInWorkflow);
        verdict.problems.push(`${id}: ${extra} duplicated in the timeline, ${extraInWorkflow} in the workflow`);
      }
    }
  } finally {
    await connection.close();
  }
  return verdict;
}

async function waitForEnd(load: FaultLoad, run: CaseRun, then: CaseRun['script']['then'], deadline: number) {
  for (;;) {
    if ('status' in then) {
      const res = await load.call('GET', `/cases/${run.caseId}`, run.script.starter, { deadline });
      if (res?.body?.status === then.status) return true;
    } else {
      const res = await load.call('GET', `/tasks?caseId=${run.caseId}&step=${then.openStep}`, then.actor, { deadline });
      if ((res?.body?.items as unknown[] | undefined)?.length) return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}
