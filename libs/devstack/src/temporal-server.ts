import { Connection } from '@temporalio/client';
import { ensureBinary, TemporalBinaryNotFoundError } from '@waymark/temporal';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, waitFor } from './ports';
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
  /**
   * The frontend's port. Absent: a free one, and if the server exits before serving (another process took one of
   * its ports between the look-up and the bind), it is started again on fresh ports, up to three times.
   */
  port?: number;
  /** The Web UI's port; `'free'` picks one as `port` does. Absent: no UI (`--headless`). */
  uiPort?: number | 'free';
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string;
  namespace: string;
  projectRoot: string;
  /** Remote codec endpoint the embedded Web UI decodes payloads through. */
  uiCodecEndpoint?: string;
  onLog?: (line: string) => void;
}

/** The dev server stopped before it served: its last lines of output say why (port taken, bad flag, …). */
export class TemporalExitedEarlyError extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string[],
  ) {
    super(`temporal exited with code ${code} before serving${output.length ? `:\n${output.join('\n')}` : ''}`);
    this.name = 'TemporalExitedEarlyError';
  }
}

async function waitUntilServing(address: string, child?: ChildProcess, output: string[] = []): Promise<void> {
  // Output is complete once the pipes close; an exit seen before that waits for them, briefly.
  const closed = child ? new Promise<void>((r) => child.once('close', () => r())) : Promise.resolve();
  await waitFor(
    `the Temporal dev server at ${address}`,
    async () => {
      // A server that has exited will never answer: say so at once, in its own words, instead of polling a minute.
      if (child && (child.exitCode !== null || child.signalCode !== null)) {
        await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
        throw new TemporalExitedEarlyError(child.exitCode, output.slice(-20));
      }
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return true;
      } finally {
        await connection.close();
      }
    },
    { timeoutMs: 60_000, intervalMs: 250, stopOn: (err) => err instanceof TemporalExitedEarlyError },
  );
}

/** The dev server binds to loopback only: its frontend takes any call unauthenticated, its UI shows every history. */
export const TEMPORAL_DEV_SERVER_IP = '127.0.0.1';

/**
 * The `temporal server start-dev` arguments. Every listener (the gRPC frontend, its HTTP API and metrics, which
 * follow `--ip`, and the Web UI, named on its own so a CLI default cannot widen it) binds to loopback only:
 * whoever reaches the frontend can start, signal and update workflows, so nothing off this host may.
 */
export function temporalDevServerArgs(opts: BoundOptions): string[] {
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

/** The options with every port chosen. */
type BoundOptions = Omit<TemporalDevServerOptions, 'port' | 'uiPort'> & { port: number; uiPort?: number };

const EARLY_EXIT_ATTEMPTS = 3;

/**
 * Starts the Temporal CLI dev server, found in the order ARCHITECTURE.md gives: TEMPORAL_CLI_PATH, PATH, the
 * project's `.tools/temporal`, and last the SDK's own download (which needs internet).
 */
export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServerHandle> {
  const chosenByUs = opts.port === undefined || opts.uiPort === 'free';
  for (let attempt = 1; ; attempt++) {
    const bound: BoundOptions = {
      ...opts,
      port: opts.port ?? (await freePort()),
      uiPort: opts.uiPort === 'free' ? await freePort() : opts.uiPort,
    };
    try {
      return await startOn(bound);
    } catch (err) {
      // Ports we chose may have been taken between the look-up and the server's bind: try fresh ones.
      if (!(err instanceof TemporalExitedEarlyError) || !chosenByUs || attempt >= EARLY_EXIT_ATTEMPTS) throw err;
      opts.onLog?.(`temporal exited before serving (attempt ${attempt} of ${EARLY_EXIT_ATTEMPTS}); other ports`);
    }
  }
}

async function startOn(opts: BoundOptions): Promise<TemporalDevServerHandle> {
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
      // The last lines it printed, for the error when it exits before serving.
      const output: string[] = [];
      const forward = (chunk: Buffer) => {
        const text = chunk.toString('utf8').trimEnd();
        output.push(...text.split('\n'));
        output.splice(0, Math.max(0, output.length - 20));
        opts.onLog?.(text);
      };
      c.stdout?.on('data', forward);
      c.stderr?.on('data', forward);
      c.once('exit', (code, signal) => {
        if (!stopping && child === c) for (const l of exitListeners) l(code, signal);
      });
      try {
        await waitUntilServing(address, c, output);
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
