import { waitFor } from './ports';
import { Supervised } from './supervisor';

describe('Supervised', () => {
  it('restarts a child that dies, names it, backs off, and stays down once stopped', async () => {
    const lines: string[] = [];
    const starts: number[] = [];
    const child = new Supervised({
      name: 'crasher',
      command: process.execPath,
      args: ['-e', 'setTimeout(() => process.exit(3), 20)'],
      spawnOptions: { stdio: 'ignore' },
      say: (l) => lines.push(l),
      initialDelayMs: 20,
      maxDelayMs: 80,
      onSpawn: () => starts.push(Date.now()),
    });
    child.start();
    await waitFor('three restarts', async () => child.restarts >= 3, { timeoutMs: 20_000, intervalMs: 10 });
    await child.stop(1000);
    const restartsAtStop = child.restarts;
    expect(lines[0]).toMatch(/^crasher is down \(exited with code 3\); restarting in 0\.0 s$/);
    expect(lines).toContainEqual(expect.stringMatching(/^crasher restarted \(down \d+\.\d s\)$/));
    // Each gap grows (20, 40, 80 ms of backoff on top of the child's own run time).
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps[2]).toBeGreaterThanOrEqual(80);
    expect(child.up).toBe(false);
    // Stopped for good: nothing restarts it any more.
    await new Promise((r) => setImmediate(r));
    expect(child.restarts).toBe(restartsAtStop);
  });

  it('stop() ends a running child with SIGTERM', async () => {
    const child = new Supervised({
      name: 'sleeper',
      command: process.execPath,
      args: ['-e', 'setInterval(() => undefined, 1000)'],
      spawnOptions: { stdio: 'ignore' },
      say: () => undefined,
    });
    const proc = child.start();
    expect(child.up).toBe(true);
    await child.stop(5000);
    expect([child.up, proc.signalCode]).toEqual([false, 'SIGTERM']);
  });
});
