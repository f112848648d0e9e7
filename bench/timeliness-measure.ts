// Timing for `npm run bench:timeliness`: the managers' filter combinations run through TimelinessService (the code
// the API runs), with the access path EXPLAIN ANALYZE reports for `tasks`.
import { createDataSource } from '@waymark/database';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { TimelinessScope } from '../apps/api/src/timeliness/timeliness-scope';
import { dashboardStatement, exportStatisticsStatement } from '../apps/api/src/timeliness/timeliness-sql';
import { TimelinessService } from '../apps/api/src/timeliness/timeliness.service';
import { summarize, type Summary } from './stats';

const DAY_MS = 86_400_000;

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
