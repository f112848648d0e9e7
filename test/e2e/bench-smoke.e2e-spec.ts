import { BareTemporal, DEMO_SCRIPT, handoffLatency, scale, throughput } from '../../bench/phases';
import { renderMarkdown, type BenchReport } from '../../bench/report';
import { settleAfterCreations } from '../../bench/plans';
import { scopingCost } from '../../bench/scoping';
import { handoffBreakdown } from '../../bench/handoff-breakdown';
import { ratio } from '../../bench/stats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, AppStack } from '../support/stack';

/** A few iterations of every benchmark phase, so `npm run bench` cannot rot. The full run is not part of CI. */
describe('benchmark smoke run', () => {
  // Debug level: the worker logs each activity's timing, which the hand-off breakdown reads.
  const stack = new AppStack('bench-smoke', { LOG_LEVEL: 'debug' });
  let bare: BareTemporal;
  beforeAll(async () => {
    await stack.start();
    bare = await BareTemporal.start(process.env.WAYMARK_E2E_TEMPORAL_ADDRESS!);
  });
  afterAll(async () => {
    await bare?.stop();
    await stack.stop();
  });

  it('measures Waymark and bare Temporal side by side and renders the report', async () => {
    const { summary: handoff, samples } = await handoffLatency(stack, 3);
    const breakdown = await handoffBreakdown(
      bare.temporalClient,
      samples,
      readFileSync(join(ARTIFACTS, 'bench-smoke.log'), 'utf8'),
    );
    const bareUpdate = await bare.updateLatency(3);
    const tp = await throughput(stack, 2, DEMO_SCRIPT);
    const bareTp = await bare.throughput(2, tp.steps / tp.cases);
    const sc = await scale(stack, 5, 3, (tasks, since) =>
      settleAfterCreations(process.env.WAYMARK_E2E_DATABASE_URL!, 'demo-a', tasks, since),
    );
    const bareCreate = await bare.createRate(5);
    const scoping = await scopingCost(process.env.WAYMARK_E2E_DATABASE_URL!, 3);

    expect(handoff.n).toBe(3);
    expect(handoff.p50).toBeGreaterThan(0);
    // Each hand-off's parts, read from its case's history: its one write found (completion and next task in one
    // transaction, decision 0012), every part a duration.
    expect(breakdown?.n).toBe(3);
    expect(breakdown!.worker.p50).toBeGreaterThan(0);
    // Each case's opening went with its first task, each hand-off's completion with the next: no task written alone.
    expect(breakdown!.handOffWrite!.n).toBeGreaterThanOrEqual(6);
    expect(breakdown!.handOffWrite!.p50).toBeGreaterThan(0);
    expect(breakdown!.handOffWrite!.p50).toBeLessThan(breakdown!.worker.max + 1000);
    expect(breakdown!.nextTaskWrite).toBeUndefined();
    expect(breakdown!.inbox.p50).toBeGreaterThan(0);
    expect(bareCreate).toMatchObject({ workflows: 5 });
    expect(bareCreate.perSecond).toBeGreaterThan(0);
    expect(bareUpdate.p99).toBeGreaterThan(0);
    expect(tp).toMatchObject({ cases: 2, steps: 4 });
    expect(bareTp.steps).toBe(4);
    expect(sc.tasks.n).toBe(3);
    expect(sc.settleSeconds).toBeGreaterThanOrEqual(0);
    expect(sc.residentMemoryMiB.api).toBeGreaterThan(10);
    expect(scoping.grants.n).toBe(3);
    expect(scoping.consents.n).toBe(3);
    expect(scoping.largestView.fields).toBeGreaterThan(50);

    const report: BenchReport = {
      at: new Date().toISOString(),
      machine: { cpus: 1, cpuModel: 'test', memoryGiB: 1, node: process.version },
      params: { cases: 3, concurrency: 2, open: 5, requests: 3, sop: DEMO_SCRIPT.sop },
      handoff: {
        waymark: handoff,
        bare: bareUpdate,
        ratioP50: ratio(handoff.p50, bareUpdate.p50),
        ratioP99: ratio(handoff.p99, bareUpdate.p99),
        breakdown,
      },
      throughput: { waymark: tp, bare: bareTp, ratioCasesPerSecond: ratio(tp.casesPerSecond, bareTp.casesPerSecond) },
      scale: sc,
      scoping,
    };
    const md = renderMarkdown(report);
    expect(md).toContain('Ratio Waymark / bare');
    expect(md).toContain('local activity recordHandOff');
    expect(md).toContain('scoping in process, largest case view');
    expect(Number.isFinite(report.handoff.ratioP50)).toBe(true);
  });
});
