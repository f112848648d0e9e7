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
  stop(): Promise<void>;
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
    const args = temporalDevServerArgs(opts);
    const child = spawn(resolution.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer) => opts.onLog?.(chunk.toString('utf8').trimEnd());
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    try {
      await waitUntilServing(address, child);
    } catch (err) {
      await stopChild(child, 'temporal');
      throw err;
    }
    return {
      address,
      uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : undefined,
      source: `${resolution.source}: ${resolution.path}`,
      stop: () => stopChild(child, 'temporal'),
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
