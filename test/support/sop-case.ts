import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  completeTaskUpdate,
  reportEventUpdate,
  type Actor,
  type CaseActivities,
  type CaseResult,
  type CaseStartInput,
  type OpenTaskInput,
} from '@waymark/contracts';
import { recordingActivities } from './recording-activities';
import { createTestWorker, saveHistoryIfRecording, uniqueTaskQueue } from './workflow-env';

/** The failure type of a refused workflow update (`WrongReporter`, `WrongAgency`…), or undefined when accepted. */
export async function updateFailureType(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      return err.cause.type ?? undefined;
    throw err;
  }
  return undefined;
}

/**
 * Drives one case of an SOP on the time-skipping server as its agencies would: completes each step's open task as
 * the actor that must hold it (the task's agency is checked), with the step's usual form and the test's overrides.
 */
export class SopCaseDriver {
  constructor(
    readonly handle: WorkflowHandle,
    readonly r: ReturnType<typeof recordingActivities>,
    private readonly actorOf: (step: string) => Actor,
    private readonly forms: Readonly<Record<string, Record<string, unknown>>>,
  ) {}

  async complete(step: string, form: Record<string, unknown> = {}): Promise<OpenTaskInput> {
    const task = await this.r.waitForTask(step);
    const actor = this.actorOf(step);
    expect({ step, agencyId: task.agencyId }).toEqual({ step, agencyId: actor.agencyId });
    await this.handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, actor, form: { ...this.forms[step], ...form } }],
    });
    return task;
  }

  report(type: string, actor: Actor, data: Record<string, unknown>): Promise<unknown> {
    return this.handle.executeUpdate(reportEventUpdate, { args: [{ type, actor, data }] });
  }

  /** The steps whose tasks opened, in order. */
  steps(): string[] {
    return this.r.rec.tasks.map((t) => t.step);
  }

  /** The timeline entries of a kind, each as its step and detail. */
  notes(kind: string): Record<string, unknown>[] {
    return this.r.rec.notes.filter((n) => n.kind === kind).map((n) => ({ step: n.step, ...n.detail }));
  }
}

let seq = 0;

/**
 * Runs one case to its end: a worker on its own task queue with the recording activities (and any others), the
 * case's workflow, the test's drive; a failed drive terminates the case. Saves the history when recording and checks
 * that the read model was closed once, in the workflow's end state.
 */
export async function runSopCase<D extends SopCaseDriver>(
  env: TestWorkflowEnvironment,
  opts: {
    name: string;
    workflowType: string;
    input: Omit<CaseStartInput, 'caseId'>;
    activities?: Partial<CaseActivities> & Record<string, (...args: never[]) => Promise<unknown>>;
    driver: (handle: WorkflowHandle, r: ReturnType<typeof recordingActivities>) => D;
  },
  drive: (d: D) => Promise<void>,
): Promise<{ result: CaseResult; d: D }> {
  const r = recordingActivities();
  const taskQueue = uniqueTaskQueue(`${opts.input.sop}-${opts.name}`);
  const w = await createTestWorker(env, { taskQueue, activities: { ...r.activities, ...opts.activities } });
  return w.runUntil(async () => {
    seq += 1;
    const caseId = `${opts.input.sop}-${opts.name}-${seq}`;
    const input: CaseStartInput = { ...opts.input, caseId };
    const handle = await env.client.workflow.start(opts.workflowType, {
      taskQueue,
      workflowId: `case-${caseId}`,
      args: [input],
    });
    const d = opts.driver(handle, r);
    try {
      await drive(d);
    } catch (err) {
      await handle.terminate('test failed').catch(() => undefined);
      throw err;
    }
    const result: CaseResult = await handle.result();
    await saveHistoryIfRecording(handle, `${opts.input.sop}-${opts.name}`);
    expect(r.rec.closed.map((c) => c.endState)).toEqual([result.endState]);
    return { result, d };
  });
}
