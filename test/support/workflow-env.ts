import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Worker, type WorkerOptions } from '@temporalio/worker';
import { testingExecutable, workflowBundleOptions } from '@waymark/temporal';
import { resolve } from 'node:path';

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
    ...opts,
  });
}

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's event history under test/replay/histories/ so the replay
 * tests guard it against non-deterministic changes. Commit the files it writes.
 */
export async function saveHistoryIfRecording(
  handle: { fetchHistory(): Promise<unknown> },
  name: string,
): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { historyToJSON } = await import('@temporalio/common/lib/proto-utils');
  const dir = resolve(ROOT, 'test/replay/histories');
  mkdirSync(dir, { recursive: true });
  const history = (await handle.fetchHistory()) as Parameters<typeof historyToJSON>[0];
  writeFileSync(resolve(dir, `${name}.json`), historyToJSON(history));
}
