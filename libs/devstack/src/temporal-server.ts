import { Connection } from '@temporalio/client';
import { ensureBinary, TemporalBinaryNotFoundError } from '@waymark/temporal';
import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './ports';
import { stopChild } from './processes';

export interface TemporalDevServerHandle {
  address: string;
  /** The Web UI as a browser should open it: `localhost`, the host name the web app and the codec session use. */
  uiUrl?: string;
  source: string;
  /** SIGTERM, then SIGKILL after `graceMs` (10 s by default). */
  stop(graceMs?: number): Promise<void>;
  /** The server's pid while it runs (the CLI binary only; not the SDK's download). */
  pid?(): number | undefined;
  /** Sends `signal` and resolves once the server has exited (fault injection, supervision). */
  kill?(signal: NodeJS.Signals): Promise<void>;
  /** Starts the server again with the same arguments (its SQLite file keeps the workflows). */
  restart?(): Promise<void>;
  /** Called when the server exits without `stop()` having been asked for. */
  onExit?(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

export interface TemporalDevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string;
  namespace: string;
  projectRoot: string;
  /** Remote codec endpoint the embedded Web UI decodes payloads through. */
  uiCodecEndpoint?: string;
  onLog?: (line: string) => void;
}

async function waitUntilServing(address: string, child?: ChildProcess): Promise<void> {
  await waitFor(
    `the Temporal dev server at ${address}`,
    async () => {
      if (child && child.exitCode !== null) throw new Error(`temporal exited with code ${child.exitCode}`);
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

/** The dev server binds to loopback only: its frontend takes any call unauthenticated, its UI shows every history. */
export const TEMPORAL_DEV_SERVER_IP = '127.0.0.1';

/**
 * The `temporal server start-dev` arguments. Every listener (the gRPC frontend, its HTTP API and metrics, which
 * follow `--ip`, and the Web UI, named on its own so a CLI default cannot widen it) binds to loopback only:
 * whoever reaches the frontend can start, signal and update workflows, so nothing off this host may.
 */
export function temporalDevServerArgs(opts: TemporalDevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    TEMPORAL_DEV_SERVER_IP,
    '--port',
    String(opts.port),
    '--namespace',
    opts.namespace,
    '--log-level',
    'warn',
    ...(opts.uiPort ? ['--ui-ip', TEMPORAL_DEV_SERVER_IP, '--ui-port', String(opts.uiPort)] : ['--headless']),
    ...(opts.dbFile ? ['--db-filename', opts.dbFile] : []),
    ...(opts.uiPort && opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
  ];
}

/**
 * Starts the Temporal CLI dev server, found in the order ARCHITECTURE.md gives: TEMPORAL_CLI_PATH, PATH, the
 * project's `.tools/temporal`, and last the SDK's own download (which needs internet).
 */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServerHandle> {
  const address = `${TEMPORAL_DEV_SERVER_IP}:${opts.port}`;
  const resolution = ensureBinary('temporal', { projectRoot: opts.projectRoot, log: opts.onLog });
  if (resolution.path) {
    const binary = resolution.path;
    const args = temporalDevServerArgs(opts);
    const exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
    let stopping = false;
    let child: ChildProcess;
    const launch = async () => {
      const c = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      const forward = (chunk: Buffer) => opts.onLog?.(chunk.toString('utf8').trimEnd());
      c.stdout?.on('data', forward);
      c.stderr?.on('data', forward);
      c.once('exit', (code, signal) => {
        if (!stopping && child === c) for (const l of exitListeners) l(code, signal);
      });
      try {
        await waitUntilServing(address, c);
      } catch (err) {
        await stopChild(c, 'temporal');
        throw err;
      }
    };
    await launch();
    const alive = () => child.exitCode === null && child.signalCode === null;
    return {
      address,
      uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined,
      source: `${resolution.source}: ${resolution.path}`,
      stop: (graceMs?: number) => {
        stopping = true;
        return stopChild(child, 'temporal', graceMs);
      },
      pid: () => (alive() ? child.pid : undefined),
      kill: async (signal) => {
        if (!alive()) return;
        const c = child;
        await new Promise<void>((r) => {
          c.once('exit', () => r());
          c.kill(signal);
        });
      },
      restart: async () => {
        if (!alive()) await launch();
      },
      onExit: (listener) => void exitListeners.push(listener),
    };
  }
  // Last resort: the SDK downloads the CLI. Offline this fails, and the error lists every place we looked.
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: TEMPORAL_DEV_SERVER_IP,
        port: opts.port,
        namespace: opts.namespace,
        ui: opts.uiPort !== undefined,
        uiPort: opts.uiPort,
        dbFilename: opts.dbFile,
      },
    });
    return {
      address,
      uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined,
      source: "the Temporal SDK's download",
      stop: () => env.teardown(),
    };
  } catch (err) {
    throw new TemporalBinaryNotFoundError(resolution, err);
  }
}
