import { seedDefaultAgencies } from '@waymark/agencies';
import { loadOrCreateSigningKey } from '@waymark/auth';
import { loadOrCreateMasterKey } from '@waymark/codec';
import { provisionAppRole, runMigrations, withDataSource } from '@waymark/database';
import {
  startTemporalDevServer,
  startThrowawayPostgres,
  type EmbeddedPostgresHandle,
  type TemporalDevServerHandle,
} from '@waymark/devstack';
import { AppStack } from '@waymark/devstack/app-stack';
import { SOPS } from '@waymark/workflows/sops';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The referral settings of a demo deployment: retries at most 2 s apart, an acknowledgement expected within 3 s
 * (so a partner that is offline shows as overdue within seconds), a decision within the hour (libs/config/src/env.ts).
 */
export const DEMO_REFERRAL_ENV = {
  REFERRAL_RETRY_MAX_SECONDS: '2',
  REFERRAL_ACK_TARGET_SECONDS: '3',
  REFERRAL_DECISION_TARGET_SECONDS: '3600',
} as const;

/** Nest's start-up lines (a line per route and module): no help in a failure report. */
const BOOT_NOISE = /"context":"(RouterExplorer|RoutesResolver|InstanceLoader)"/;

export interface DeploymentOptions {
  /** The deployment's id (REFERRAL_DEPLOYMENT_ID), e.g. `de-demo`; also names its task queue and log file. */
  name: string;
  /** Project root holding the built `dist/`. */
  root: string;
  /** Where its PostgreSQL data, signing key and master key live; a fresh temporary directory when absent. */
  dataDir?: string;
  /** Where the API and worker log goes (`<name>.log`); the data directory when absent. */
  logDir?: string;
  /** More environment for the API and the worker (on top of the REFERRAL_* settings). */
  env?: NodeJS.ProcessEnv;
  /** Progress lines (what is starting). */
  say?: (line: string) => void;
}

/** One Waymark deployment on this machine: its own PostgreSQL, Temporal dev server, API and worker. */
export interface Deployment {
  readonly name: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly postgres: EmbeddedPostgresHandle;
  readonly temporal: TemporalDevServerHandle;
  readonly stack: AppStack;
  /** The API's base URL (kept across `stack.killApi()` / `stack.startApi()`). */
  readonly apiUrl: string;
  /** The last `lines` lines of the API and worker log, Nest's route listing left out (for a failure report). */
  logTail(lines?: number): string;
  /** Stops the API and worker, then Temporal, then PostgreSQL, and removes the data directory. Repeat-safe. */
  stop(): Promise<void>;
}

/**
 * Starts one deployment as the e2e global setup prepares one (test/support/e2e-global-setup.ts): a throwaway
 * PostgreSQL and an in-memory Temporal dev server on free ports, the migrations, the SOPs' example agencies, a JWT
 * signing key and a master key, the non-owner database role; then the API and the worker (AppStack) with
 * REFERRAL_DEPLOYMENT_ID set to the name. Whatever started is stopped again if a later part fails.
 */
export async function startDeployment(opts: DeploymentOptions): Promise<Deployment> {
  const say = opts.say ?? (() => undefined);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), `waymark-${opts.name}-`));
  mkdirSync(dataDir, { recursive: true });
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  chmodSync(dataDir, 0o755);
  const logFile = join(opts.logDir ?? dataDir, `${opts.name}.log`);
  let postgres: EmbeddedPostgresHandle | undefined;
  let temporal: TemporalDevServerHandle | undefined;
  let stack: AppStack | undefined;
  const stopParts = async () => {
    await stack?.stop().catch(() => undefined);
    await temporal?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const started = await Promise.allSettled([
      startThrowawayPostgres(dataDir, `waymark-${opts.name}`),
      startTemporalDevServer({ namespace: 'default', projectRoot: opts.root }),
    ]);
    if (started[0].status === 'fulfilled') postgres = started[0].value;
    if (started[1].status === 'fulfilled') temporal = started[1].value;
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const pg = postgres!;
    const tp = temporal!;
    say(`PostgreSQL ${pg.url.replace(/:[^:@]*@/, ':***@')}, Temporal ${tp.address}`);
    await runMigrations(pg.url);
    await withDataSource(pg.url, (ds) => seedDefaultAgencies(ds, SOPS));
    await loadOrCreateSigningKey(join(dataDir, 'jwt-signing-key.json'));
    loadOrCreateMasterKey(join(dataDir, 'master-key'));
    // As `npm start` does: the API and the worker log in as the non-owner role.
    const appUrl = await provisionAppRole(pg.url);
    stack = new AppStack({
      name: opts.name,
      root: opts.root,
      databaseUrl: appUrl,
      temporalAddress: tp.address,
      dataDir,
      logFile,
      env: { REFERRAL_DEPLOYMENT_ID: opts.name, ...DEMO_REFERRAL_ENV, ...opts.env },
    });
    await stack.start();
    say(`API ${stack.apiUrl} and worker up (log: ${logFile})`);
  } catch (err) {
    await stopParts();
    throw err;
  }
  const [app, pg, tp] = [stack, postgres!, temporal!];
  let stopping: Promise<void> | undefined;
  return {
    name: opts.name,
    dataDir,
    logFile,
    postgres: pg,
    temporal: tp,
    stack: app,
    get apiUrl() {
      return app.apiUrl;
    },
    logTail: (lines = 30) => {
      if (!existsSync(logFile)) return '';
      const all = readFileSync(logFile, 'utf8').trimEnd().split('\n');
      return all
        .filter((l) => !BOOT_NOISE.test(l))
        .slice(-lines)
        .join('\n');
    },
    stop: () => (stopping ??= stopParts()),
  };
}

/**
 * Starts several deployments side by side (`onStarted` hears of each as it is up), in the order given; if any
 * fails to start, the others are stopped again and the first failure is thrown.
 */
export async function startDeployments(
  all: DeploymentOptions[],
  onStarted?: (d: Deployment) => void,
): Promise<Deployment[]> {
  const results = await Promise.allSettled(
    all.map(async (o) => {
      const d = await startDeployment(o);
      onStarted?.(d);
      return d;
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const r of results) if (r.status === 'fulfilled') await r.value.stop();
    throw failed.reason;
  }
  return results.map((r) => (r as PromiseFulfilledResult<Deployment>).value);
}
