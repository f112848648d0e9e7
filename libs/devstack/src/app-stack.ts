import { issueToken, loadOrCreateSigningKey } from '@waymark/auth';
import { loadOrCreateMasterKey } from '@waymark/codec';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, waitFor } from './ports';
import { stopChild } from './processes';

export interface AppStackOptions {
  /** Names the task queue and the log file. */
  name: string;
  /** Project root holding the built `dist/`. */
  root: string;
  databaseUrl: string;
  temporalAddress: string;
  /** Holds the JWT signing key the API verifies with and `token()` signs with, and the codec's master key. */
  dataDir: string;
  logFile: string;
  /** Extra environment for both processes (e.g. a task queue or a wrong address to test failures). */
  env?: NodeJS.ProcessEnv;
  /** Extra node flags for both processes (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** Environment for the worker only (e.g. a DATABASE_URL through a proxy that can cut the line). */
  workerEnv?: NodeJS.ProcessEnv;
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The real API and worker as separate processes (built code, as production runs it) against a given PostgreSQL and
 * Temporal. Used by the e2e tests (one stack per test file, each with its own task queue) and the benchmarks.
 */
export class AppStack {
  apiUrl = '';
  /** Kept across restarts, so a restarted API answers at the same address. */
  private apiPort?: number;
  private api?: ChildProcess;
  private worker?: ChildProcess;
  private readonly logs: WriteStream;
  readonly env: NodeJS.ProcessEnv;

  readonly name: string;
  private readonly root: string;
  private readonly nodeArgs: string[];
  private readonly workerEnv: NodeJS.ProcessEnv;

  constructor(opts: AppStackOptions) {
    this.name = opts.name;
    this.root = opts.root;
    this.nodeArgs = opts.nodeArgs ?? [];
    this.workerEnv = opts.workerEnv ?? {};
    mkdirSync(dirname(opts.logFile), { recursive: true });
    this.logs = createWriteStream(opts.logFile, { flags: 'a' });
    this.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: opts.databaseUrl,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      WAYMARK_DATA_DIR: opts.dataDir,
      TEMPORAL_TASK_QUEUE: `${opts.name}-${process.pid}`,
      WORKFLOW_BUNDLE_PATH: join(opts.root, 'dist/workflow-bundle.js'),
      // Test suites and benchmarks send hundreds of requests a minute from one address; a stack that tests the
      // limits themselves passes its own RATE_LIMIT_* in `env`.
      RATE_LIMIT_PER_IP: '1000000',
      RATE_LIMIT_PER_SUBJECT: '1000000',
      RATE_LIMIT_WRITES: '1000000',
      RATE_LIMIT_TOKEN: '1000000',
      ...opts.env,
    };
    // Made before either process starts: the API and the worker must wrap and unwrap case keys with one master key.
    if (!this.env.WAYMARK_MASTER_KEY) loadOrCreateMasterKey(join(opts.dataDir, 'master-key'));
  }

  /** Resident memory of the API and worker processes, in KiB (Linux `/proc`). */
  residentMemoryKiB(): { api?: number; worker?: number } {
    const rss = (pid?: number) => {
      if (!pid) return undefined;
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? Number(m[1]) : undefined;
      } catch {
        return undefined;
      }
    };
    return { api: rss(this.api?.pid), worker: rss(this.worker?.pid) };
  }

  private spawnNode(
    role: 'api' | 'worker',
    extraEnv: NodeJS.ProcessEnv = {},
  ): { child: ChildProcess; output: () => string } {
    let output = '';
    const child = spawn(process.execPath, [...this.nodeArgs, join(this.root, `dist/apps/${role}/src/main.js`)], {
      cwd: this.root,
      env: { ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      this.logs.write(chunk);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    return { child, output: () => output };
  }

  async startWorker(): Promise<void> {
    const { child, output } = this.spawnNode('worker', this.workerEnv);
    this.worker = child;
    await waitFor(
      'the worker to poll',
      async () => {
        if (child.exitCode !== null) throw new Error(`worker exited: ${output().slice(-2000)}`);
        return output().includes('"worker ready"') ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
  }

  /** SIGKILL by default: the worker dies mid-flight with no chance to drain, as in a crash. */
  async killWorker(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await killAndWait(this.worker, signal);
  }

  /** SIGKILL by default: the API dies with requests in flight. SIGTERM lets it drain. */
  async killApi(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await killAndWait(this.api, signal);
  }

  /** Whether each process runs now (a supervisor restarts the one that does not). */
  running(): { api: boolean; worker: boolean } {
    const up = (c?: ChildProcess) => c !== undefined && c.exitCode === null && c.signalCode === null;
    return { api: up(this.api), worker: up(this.worker) };
  }

  async startApi(): Promise<void> {
    const port = (this.apiPort ??= await freePort());
    const { child, output } = this.spawnNode('api', { API_PORT: String(port) });
    this.api = child;
    this.apiUrl = `http://127.0.0.1:${port}`;
    await waitFor(
      'the API to listen',
      async () => {
        if (child.exitCode !== null) throw new Error(`api exited: ${output().slice(-2000)}`);
        const res = await fetch(`${this.apiUrl}/health`);
        return res.status > 0 ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
  }

  async start(): Promise<this> {
    await Promise.all([this.startWorker(), this.startApi()]);
    return this;
  }

  /** Stops the API and the worker, keeping the log open: `start()` again (after changing `env`) restarts both. */
  async stopProcesses(): Promise<void> {
    await Promise.all([this.api && stopChild(this.api, 'api'), this.worker && stopChild(this.worker, 'worker')]);
  }

  async stop(): Promise<void> {
    await this.stopProcesses();
    await new Promise((r) => this.logs.end(r));
  }

  async token(agency: string, roles: string[], sub = `${agency}-${roles[0]}`): Promise<string> {
    const keys = await loadOrCreateSigningKey(join(this.env.WAYMARK_DATA_DIR!, 'jwt-signing-key.json'));
    return issueToken(keys, { sub, agency, roles });
  }

  /** Registers an agency in the directory (cases take only registered agencies of a kind their slot accepts). */
  async registerAgency(id: string, kind = 'demo', name = `Agency ${id}`): Promise<void> {
    const admin = await this.token('platform', ['platform-admin'], 'stack-platform-admin');
    const res = await this.http('POST', '/agencies', { token: admin, body: { id, name, kind } });
    if (res.status !== 201 && res.status !== 409) throw new Error(`registering agency ${id}: HTTP ${res.status}`);
  }

  async http<T = any>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** Polls an agency's inbox until a task for `step` shows (the projection is written asynchronously). */
  async waitForTask(
    token: string,
    step: string,
    caseId?: string,
  ): Promise<{ taskId: string; caseId: string; step: string }> {
    return waitFor(
      `a ${step} task`,
      async () => {
        const res = await this.http('GET', `/tasks?step=${step}${caseId ? `&caseId=${caseId}` : ''}`, { token });
        if (res.status !== 200) throw new Error(`GET /tasks answered ${res.status}`);
        return res.body.items[0];
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  async waitForCaseStatus(token: string, caseId: string, status: string): Promise<any> {
    return waitFor(
      `case ${caseId} to be ${status}`,
      async () => {
        const res = await this.http('GET', `/cases/${caseId}`, { token });
        return res.status === 200 && res.body.status === status ? res.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }
}

function killAndWait(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((r) => {
    child.once('exit', () => r());
    child.kill(signal);
  });
}
