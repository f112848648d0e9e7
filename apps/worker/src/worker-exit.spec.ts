import { exitWhenWorkerEnds, type WorkerEndHandlers } from './worker-exit';

function handlers(shuttingDown = false) {
  const calls = { reports: [] as string[], exits: [] as number[] };
  const on: WorkerEndHandlers = {
    shuttingDown: () => shuttingDown,
    report: (msg) => calls.reports.push(msg),
    exit: (code) => calls.exits.push(code),
  };
  return { on, calls };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('exitWhenWorkerEnds', () => {
  it('exits 1 when the Worker fails (run() rejects), so a supervisor restarts the process', async () => {
    const { on, calls } = handlers();
    exitWhenWorkerEnds(Promise.reject(new Error('Worker failed: connection refused')), on);
    await settle();
    expect(calls).toEqual({ reports: ['worker stopped with an error'], exits: [1] });
  });

  it('exits 1 when the Worker ends without being asked to', async () => {
    const { on, calls } = handlers();
    exitWhenWorkerEnds(Promise.resolve(), on);
    await settle();
    expect(calls).toEqual({ reports: ['worker stopped without being asked to'], exits: [1] });
  });

  it('leaves an end during a requested shutdown to the shutdown', async () => {
    const clean = handlers(true);
    exitWhenWorkerEnds(Promise.resolve(), clean.on);
    const failed = handlers(true);
    exitWhenWorkerEnds(Promise.reject(new Error('x')), failed.on);
    await settle();
    expect([clean.calls, failed.calls]).toEqual([
      { reports: [], exits: [] },
      { reports: ['worker stopped with an error'], exits: [] },
    ]);
  });
});
