import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Worker, type WorkerOptions } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH, testingExecutable, workflowBundleOptions } from '@waymark/temporal';
import type { temporal as protoTypes } from '@temporalio/proto';
import { resolve } from 'node:path';

type ProtoHistory = protoTypes.api.history.v1.History;

const ROOT = resolve(__dirname, '../..');

/** Temporal's time-skipping test server, found the way ARCHITECTURE.md orders it (project install first offline). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testingExecutable('temporal-test-server', { projectRoot: ROOT, install: true }) },
  });
}

let bundle: Promise<{ code: string }> | undefined;

/** One workflow bundle per test file (webpack is the slow part); workers in the file share it. */
export function sharedWorkflowBundle(): Promise<{ code: string }> {
  bundle ??= import('@temporalio/worker').then(({ bundleWorkflowCode }) =>
    bundleWorkflowCode({ ...workflowBundleOptions(ROOT), logger: new DefaultLogger('WARN') }),
  );
  return bundle;
}

let queue = 0;
export function uniqueTaskQueue(name: string): string {
  queue += 1;
  return `test-${name}-${process.pid}-${queue}`;
}

export async function createTestWorker(
  env: TestWorkflowEnvironment,
  opts: Pick<WorkerOptions, 'activities' | 'taskQueue'>,
): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    workflowBundle: await sharedWorkflowBundle(),
    // As in production: activity failures leave the worker with their message encoded.
    dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH },
    ...opts,
  });
}

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's event history under test/replay/histories/ so the replay
 * tests guard it against non-deterministic changes. Commit the files it writes.
 *
 * Stored as protobufjs plain objects (`History.toObject`), read back with `loadHistory`: the SDK's own
 * `historyToJSON` trips over two copies of protobufjs in this dependency tree.
 */
export async function saveHistoryIfRecording(
  handle: { workflowId: string; fetchHistory(): Promise<unknown> },
  name: string,
): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { temporal } = await import('@temporalio/proto');
  const dir = resolve(ROOT, 'test/replay/histories');
  mkdirSync(dir, { recursive: true });
  const history = (await handle.fetchHistory()) as ProtoHistory;
  const plain = temporal.api.history.v1.History.toObject(history, {
    longs: String,
    enums: String,
    bytes: String,
    defaults: false,
  });
  // The workflow id is not in the history, and replay needs it: child workflow ids derive from it.
  writeFileSync(
    resolve(dir, `${name}.json`),
    JSON.stringify({ workflowId: handle.workflowId, history: plain }, null, 1) + '\n',
  );
}

export async function loadHistory(file: string) {
  const { readFileSync } = await import('node:fs');
  const { temporal } = await import('@temporalio/proto');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { workflowId: string; history: object };
  return { workflowId: saved.workflowId, history: temporal.api.history.v1.History.fromObject(saved.history) };
}
