import { promiseHooks } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

/**
 * Loaded (`--require`) into the Temporal SDK's workflow threads when their stack traces are off (see
 * workflow-threads.ts). The SDK installs one promise hook there, with exactly an `init` and a `settled` callback, that
 * records where every workflow promise was created; when the hook cannot be installed the SDK turns stack traces off
 * itself. This refuses that one hook and passes every other one (Node's own, whose callbacks differ) through.
 */
export function isWorkflowStackHook(callbacks: object): boolean {
  return Object.keys(callbacks).sort().join(',') === 'init,settled';
}

if (!isMainThread) {
  const createHook = promiseHooks.createHook.bind(promiseHooks);
  promiseHooks.createHook = (callbacks) => {
    if (isWorkflowStackHook(callbacks)) throw new Error('workflow stack traces are off (WORKER_WORKFLOW_STACK_TRACES)');
    return createHook(callbacks);
  };
}
