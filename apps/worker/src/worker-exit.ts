export interface WorkerEndHandlers {
  /** True once the process was asked to stop (SIGTERM): the Worker ending is then expected. */
  shuttingDown(): boolean;
  /** Logs why the Worker ended (no personal data: the error's class and the SDK's message). */
  report(msg: string, err?: unknown): void;
  /** Ends the process; production: close what can be closed, then `process.exit(code)`. */
  exit(code: number): void;
}

/**
 * A Temporal Worker that ends on its own (state FAILED: Temporal unreachable for too long, a fatal activation
 * error) takes no more tasks, so the process must not live on looking healthy: it exits non-zero and its supervisor
 * (`npm start`, systemd, Kubernetes) starts a fresh one. An end after a requested shutdown is left to the shutdown.
 */
export function exitWhenWorkerEnds(run: Promise<void>, on: WorkerEndHandlers): void {
  run.then(
    () => {
      if (on.shuttingDown()) return;
      on.report('worker stopped without being asked to');
      on.exit(1);
    },
    (err: unknown) => {
      on.report('worker stopped with an error', err);
      if (!on.shuttingDown()) on.exit(1);
    },
  );
}
