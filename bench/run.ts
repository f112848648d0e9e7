import { seedDefaultAgencies } from '@waymark/agencies';
import { loadOrCreateSigningKey } from '@waymark/auth';
import { runMigrations, withDataSource } from '@waymark/database';
import { SOPS } from '@waymark/workflows/sops';
import {
  startThrowawayPostgres,
  startTemporalDevServer,
  type EmbeddedPostgresHandle,
  type TemporalDevServerHandle,
} from '@waymark/devstack';
import { AppStack } from '@waymark/devstack/app-stack';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BareTemporal, DEMO_SCRIPT, handoffLatency, scale, throughput } from './phases';
import { explainListings, settleAfterCreations } from './plans';
import { scopingCost } from './scoping';
import { topSelfTime } from './profile';
import { handoffBreakdown } from './handoff-breakdown';
import { renderMarkdown, type BenchReport } from './report';
import { ratio } from './stats';

const ROOT = resolve(__dirname, __dirname.includes(`${'/'}dist${'/'}`) ? '../..' : '..');
/** Worker settings a bench run passes through from its own environment, to compare them. */
const WORKER_SETTINGS = ['WORKER_MAX_CACHED_WORKFLOWS', 'WORKER_WORKFLOW_STACK_TRACES'];
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/**
 * `npm run bench`: Waymark and bare Temporal measured in one run on the same servers. Uses DATABASE_URL and
 * TEMPORAL_ADDRESS when set; otherwise starts a throwaway embedded PostgreSQL and Temporal dev server.
 */
async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '50' },
      open: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '200' },
      out: { type: 'string', default: 'bench-results/latest.json' },
      profile: { type: 'boolean', default: false },
      'temporal-db': { type: 'string' },
    },
  });
  const n = Number(values.cases);
  const c = Number(values.concurrency);
  const open = Number(values.open);
  const requests = Number(values.requests);
  for (const [k, v] of Object.entries({ cases: n, concurrency: c, open, requests })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive whole number`);
  }
  // The dev server's SQLite in memory is the quicker, but holds every history in its own heap (22 GiB resident on
  // the way to 100,000 open cases): above 20,000 open cases it is kept on disk, as `npm start` keeps it.
  const temporalDb = values['temporal-db'] ?? (open > 20_000 ? 'disk' : 'memory');
  if (temporalDb !== 'memory' && temporalDb !== 'disk') throw new Error('--temporal-db must be memory or disk');

  const work = mkdtempSync(join(tmpdir(), 'waymark-bench-'));
  chmodSync(work, 0o755);
  let postgres: EmbeddedPostgresHandle | undefined;
  let temporal: TemporalDevServerHandle | undefined;
  let stack: AppStack | undefined;
  let bare: BareTemporal | undefined;
  try {
    const databaseUrl = process.env.DATABASE_URL ?? (postgres = await startThrowawayPostgres(work, 'bench')).url;
    const temporalAddress =
      process.env.TEMPORAL_ADDRESS ??
      (temporal = await startTemporalDevServer({
        namespace: 'default',
        projectRoot: ROOT,
        ...(temporalDb === 'disk' ? { dbFile: join(work, 'temporal.db') } : {}),
      })).address;
    log(
      `servers: PostgreSQL ${postgres ? 'embedded' : 'DATABASE_URL'}, Temporal ${temporal ? `${temporal.source} (its database ${temporalDb === 'disk' ? 'on disk' : 'in memory'})` : temporalAddress}`,
    );
    await runMigrations(databaseUrl);
    // Cases take only registered agencies: the SOPs' default ones, as `npm start` registers them.
    await withDataSource(databaseUrl, (ds) => seedDefaultAgencies(ds, SOPS));
    await loadOrCreateSigningKey(join(work, 'jwt-signing-key.json'));
    const profileDir = join(work, 'profiles');
    const workerSettings = Object.fromEntries(
      WORKER_SETTINGS.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]),
    );
    stack = new AppStack({
      name: 'bench',
      root: ROOT,
      databaseUrl,
      temporalAddress,
      dataDir: work,
      logFile: join(work, 'bench.log'),
      nodeArgs: values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      // Debug level in the worker: it logs each activity's timing, read for the hand-off breakdown.
      workerEnv: { LOG_LEVEL: 'debug' },
      // The worker's settings to compare (its sticky cache, its workflow stack traces): its own defaults when unset.
      env: workerSettings,
    });
    await stack.start();
    bare = await BareTemporal.start(temporalAddress);

    log(`hand-off latency over ${n} cases`);
    const logFile = join(work, 'bench.log');
    const logFrom = statSync(logFile).size;
    const { summary: waymarkHandoff, samples: handoffSamples } = await handoffLatency(stack, n);
    const handoffLog = readFileSync(logFile).subarray(logFrom).toString('utf8');
    const breakdown = await handoffBreakdown(bare.temporalClient, handoffSamples, handoffLog);
    log(`bare update latency over ${n} updates`);
    const bareUpdate = await bare.updateLatency(n);
    log(`throughput with ${c} concurrent cases`);
    const waymarkThroughput = await throughput(stack, c, DEMO_SCRIPT);
    const stepsPerCase = Math.round(waymarkThroughput.steps / waymarkThroughput.cases);
    const bareThroughput = await bare.throughput(c, stepsPerCase);
    log(`scale: ${open} open cases`);
    const scaleResult = await scale(
      stack,
      open,
      requests,
      (tasks, since) => settleAfterCreations(databaseUrl, 'demo-a', tasks, since, log),
      log,
    );
    log(`bare Temporal: ${Math.min(open, 10_000)} workflows started`);
    const bareCreate = await bare.createRate(Math.min(open, 10_000));
    const plans = await explainListings(databaseUrl, 'demo-a', ['caseworker']);
    log('field scoping: its reads at this scale, and the largest case view in process');
    const scoping = await scopingCost(databaseUrl, requests);

    const report: BenchReport = {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      params: {
        cases: n,
        concurrency: c,
        open,
        requests,
        sop: DEMO_SCRIPT.sop,
        ...(temporal ? { temporalDb } : {}),
        ...(Object.keys(workerSettings).length > 0 ? { worker: workerSettings } : {}),
      },
      handoff: {
        waymark: waymarkHandoff,
        bare: bareUpdate,
        ratioP50: ratio(waymarkHandoff.p50, bareUpdate.p50),
        ratioP99: ratio(waymarkHandoff.p99, bareUpdate.p99),
        ...(breakdown ? { breakdown } : {}),
      },
      throughput: {
        waymark: waymarkThroughput,
        bare: bareThroughput,
        ratioCasesPerSecond: ratio(waymarkThroughput.casesPerSecond, bareThroughput.casesPerSecond),
      },
      scale: {
        ...scaleResult,
        createPerSecond: Math.round((open / scaleResult.createSeconds) * 10) / 10,
        bareCreate,
        ratioCreatePerSecond: ratio(open / scaleResult.createSeconds, bareCreate.perSecond),
      },
      scoping,
      plans,
    };
    await bare.stop();
    bare = undefined;
    await stack.stop();
    stack = undefined;
    if (values.profile) {
      report.profile = readdirSync(profileDir).map((f) => ({ file: f, top: topSelfTime(join(profileDir, f), 15) }));
    }
    const out = resolve(values.out!);
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
    process.stdout.write(renderMarkdown(report) + `\nJSON: ${out}\n`);
  } finally {
    await bare?.stop().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    await temporal?.stop();
    await postgres?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
