import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACTS } from '../support/stack';

const ROOT = resolve(__dirname, '../..');

/**
 * The fault suite's CI-sized cut: `npm run faults`' harness (bench/faults.ts, built) with its own PostgreSQL and
 * Temporal, a load of SOP cases through the real API and worker (AppStack), the worker SIGKILLed once and
 * PostgreSQL SIGKILLed once under it. Every case must survive: none lost, no step done twice, none stuck, and the
 * stack handing off again within 30 s of the process being back. The full run (`npm run faults`) stays outside CI.
 */
describe('faults: the worker and PostgreSQL killed under load', () => {
  it('loses no case, duplicates no step, leaves no task stuck, and recovers within 30 s', async () => {
    const out = join(ARTIFACTS, 'faults-ci.json');
    const args = ['--kinds', 'worker,postgres', '--rounds', '1', '--concurrency', '3', '--out', out];
    let output = '';
    const code = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [join(ROOT, 'dist/bench/faults.js'), ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('exit', done);
    });
    expect([code, code === 0 ? '' : output.slice(-3000)]).toEqual([0, '']);
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      at: string;
      faults: { kind: string; rounds: number; cases: number; maxRecoverySeconds: number }[];
    };
    expect(Number.isNaN(Date.parse(report.at))).toBe(false);
    expect(report.faults.map((f) => f.kind)).toEqual(['worker', 'postgres']);
    for (const f of report.faults) {
      expect(f).toEqual({
        kind: f.kind,
        rounds: 1,
        cases: expect.any(Number),
        casesLost: 0,
        duplicatedSteps: 0,
        stuckTasks: 0,
        serverErrors: expect.any(Number),
        maxRecoverySeconds: expect.any(Number),
      });
      expect(f.cases).toBeGreaterThan(0);
      expect(f.maxRecoverySeconds).toBeLessThanOrEqual(30);
    }
  }, 600_000);
});
