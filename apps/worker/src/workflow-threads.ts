import * as threads from 'node:worker_threads';

/** The compiled preload; under ts-jest (no build) there is none, and stack traces stay on. */
function preloadPath(): string | undefined {
  const path = require.resolve('./workflow-thread-preload');
  return path.endsWith('.js') ? path : undefined;
}

/**
 * Creates the Temporal Worker with its workflow threads' stack traces off. For every promise a workflow creates, the
 * SDK records where it was created (an Error built and its frames mapped through the bundle's source map), only to
 * answer the `__stack_trace` query that Temporal's UI shows for a stuck workflow; it costs about a third of the
 * workflow threads' CPU (a replay of a demo-handoff case: 45 → 31 ms, docs/benchmarks.md) and the SDK has no option
 * for it. The threads the SDK starts while `create` runs get workflow-thread-preload.js, which makes the SDK fall back
 * to no stack traces as it does where promise hooks are missing; nothing else changes (unhandled rejections still fail
 * the workflow task). `WORKER_WORKFLOW_STACK_TRACES=true` keeps them.
 */
export async function withoutWorkflowStackTraces<T>(create: () => Promise<T>): Promise<T> {
  const preload = preloadPath();
  if (!preload) return create();
  // The module object itself (not an ES namespace copy): the SDK reads `Worker` from it when it starts a thread.
  const mod = (threads as { default?: typeof threads }).default ?? threads;
  const Original = mod.Worker;
  class WorkflowThread extends Original {
    constructor(filename: string | URL, options?: threads.WorkerOptions) {
      super(filename, { ...options, execArgv: [...(options?.execArgv ?? process.execArgv), '--require', preload!] });
    }
  }
  (mod as { Worker: typeof threads.Worker }).Worker = WorkflowThread;
  try {
    return await create();
  } finally {
    (mod as { Worker: typeof threads.Worker }).Worker = Original;
  }
}
