import * as threads from 'node:worker_threads';
import { resolve } from 'node:path';

// The compiled module (`npm run build`): the preload it hands to the threads is a .js file.
const COMPILED = resolve(__dirname, '../../dist/apps/worker/src/workflow-threads.js');
let withoutWorkflowStackTraces: typeof import('../../apps/worker/src/workflow-threads').withoutWorkflowStackTraces;
beforeAll(async () => {
  ({ withoutWorkflowStackTraces } = (await import(
    COMPILED
  )) as typeof import('../../apps/worker/src/workflow-threads'));
});

/** What a thread started inside `withoutWorkflowStackTraces` can do with promise hooks, as the SDK's thread would. */
const PROBE = `
const { parentPort } = require('node:worker_threads');
const { promiseHooks } = require('node:v8');
const tryHook = (callbacks) => { try { promiseHooks.createHook(callbacks)(); return 'installed'; } catch { return 'refused'; } };
const noop = () => {};
parentPort.postMessage({
  sdkStackHook: tryHook({ init: noop, settled: noop }),
  nodeHook: tryHook({ init: noop, before: noop, after: noop, settled: noop }),
});
`;

function probe(): Promise<{ sdkStackHook: string; nodeHook: string }> {
  return new Promise((done, fail) => {
    const thread = new threads.Worker(PROBE, { eval: true });
    thread.once('message', (m) => void thread.terminate().then(() => done(m)));
    thread.once('error', fail);
  });
}

describe('workflow threads without stack traces', () => {
  it("refuses only the SDK's stack-trace hook in threads started while the worker is created", async () => {
    expect(await withoutWorkflowStackTraces(probe)).toEqual({ sdkStackHook: 'refused', nodeHook: 'installed' });
  });

  it('leaves threads started afterwards, and the main thread, as they were', async () => {
    await withoutWorkflowStackTraces(async () => undefined);
    expect(await probe()).toEqual({ sdkStackHook: 'installed', nodeHook: 'installed' });
  });

  it('puts the thread constructor back when the creation fails', async () => {
    const before = threads.Worker;
    await expect(
      withoutWorkflowStackTraces(async () => {
        throw new Error('no server');
      }),
    ).rejects.toThrow('no server');
    expect(threads.Worker).toBe(before);
  });
});
