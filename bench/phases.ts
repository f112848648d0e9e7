import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Worker, bundleWorkflowCode, type InjectedSinks } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { AppStack } from '../libs/devstack/src/app-stack';
import { advanceUpdate, type BareSinks } from './bare.workflow';
import type { HandoffSample } from './handoff-breakdown';
import type { Settled } from './plans';
import { mapLimit, summarize, type Summary } from './stats';

const POLL_MS = 5;
const WARM_UP_REQUESTS = 10;

/** A scripted walk of an SOP: who acts and what they submit at each step. */
export interface SopScript {
  sop: string;
  input: Record<string, unknown>;
  /** The agency that starts the case, first in `actors`. */
  actors: { agency: string; roles: string[] }[];
  form(step: string, subject: string | null): Record<string, unknown>;
}

export const DEMO_SCRIPT: SopScript = {
  sop: 'demo-handoff',
  input: { channel: 'referral' },
  actors: [
    { agency: 'demo-a', roles: ['caseworker'] },
    { agency: 'demo-b', roles: ['caseworker'] },
  ],
  form: (step) => (step === 'review-intake' ? { ready: true } : { outcome: 'resolved' }),
};

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function startCase(stack: AppStack, token: string, script: SopScript): Promise<string> {
  const res = await stack.http('POST', '/cases', { token, body: { sop: script.sop, input: script.input } });
  if (res.status !== 201) throw new Error(`POST /cases answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.caseId;
}

async function openTask(stack: AppStack, token: string, caseId: string, step?: string) {
  const res = await stack.http('GET', `/tasks?caseId=${caseId}${step ? `&step=${step}` : ''}`, { token });
  return res.body.items?.[0] as { taskId: string; step: string; subject: string | null } | undefined;
}

/**
 * Hand-off latency: agency A completes a step through the API; the clock stops when agency B's `GET /tasks` shows
 * the next step. Sequential, so each sample is one hand-off on an otherwise idle system.
 */
export async function handoffLatency(
  stack: AppStack,
  n: number,
): Promise<{ summary: Summary; samples: HandoffSample[] }> {
  const tokenA = await stack.token('demo-a', ['caseworker'], 'bench-a');
  const tokenB = await stack.token('demo-b', ['caseworker'], 'bench-b');
  const latencies: number[] = [];
  const samples: HandoffSample[] = [];
  const epochMs = () => performance.timeOrigin + performance.now();
  for (let i = 0; i < n; i++) {
    const caseId = await startCase(stack, tokenA, DEMO_SCRIPT);
    const first = await until(() => openTask(stack, tokenA, caseId));
    const t0 = performance.now();
    const sentAt = epochMs();
    const done = await stack.http('POST', `/tasks/${first.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    const answeredAt = epochMs();
    if (done.status !== 200) throw new Error(`complete answered ${done.status}: ${JSON.stringify(done.body)}`);
    const next = await until(() => openTask(stack, tokenB, caseId, 'record-outcome'));
    latencies.push(performance.now() - t0);
    samples.push({ caseId, sentAt, answeredAt, inboxMs: epochMs() - answeredAt });
    await stack.http('POST', `/tasks/${next.taskId}/complete`, {
      token: tokenB,
      body: { form: { outcome: 'resolved' } },
    });
  }
  return { summary: summarize(latencies), samples };
}

/** Runs every open task of a case with the script's forms until the case closes; returns the steps completed. */
async function driveCase(stack: AppStack, tokens: string[], script: SopScript): Promise<number> {
  const caseId = await startCase(stack, tokens[0], script);
  let steps = 0;
  for (;;) {
    let acted = false;
    for (const token of tokens) {
      const res = await stack.http('GET', `/tasks?caseId=${caseId}`, { token });
      for (const task of res.body.items as { taskId: string; step: string; subject: string | null }[]) {
        const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
          token,
          body: { form: script.form(task.step, task.subject) },
        });
        if (done.status === 200) {
          steps += 1;
          acted = true;
        } else if (done.status !== 409) {
          throw new Error(`completing ${task.step} answered ${done.status}: ${JSON.stringify(done.body)}`);
        }
      }
    }
    if (!acted) {
      const kase = await stack.http('GET', `/cases/${caseId}`, { token: tokens[0] });
      if (kase.body.status !== 'open') return steps;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

export interface ThroughputResult {
  cases: number;
  steps: number;
  seconds: number;
  casesPerSecond: number;
  stepsPerSecond: number;
}

function rates(cases: number, steps: number, ms: number): ThroughputResult {
  const seconds = ms / 1000;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { cases, steps, seconds: r(seconds), casesPerSecond: r(cases / seconds), stepsPerSecond: r(steps / seconds) };
}

/** Throughput: `concurrency` cases run to completion through the API at once, on a scripted main path. */
export async function throughput(stack: AppStack, concurrency: number, script: SopScript): Promise<ThroughputResult> {
  const tokens = await Promise.all(script.actors.map((a) => stack.token(a.agency, a.roles, `bench-${a.agency}`)));
  const t0 = performance.now();
  const steps = await mapLimit(
    Array.from({ length: concurrency }, (_, i) => i),
    concurrency,
    () => driveCase(stack, tokens, script),
  );
  return rates(
    concurrency,
    steps.reduce((a, b) => a + b, 0),
    performance.now() - t0,
  );
}

/** A bare-Temporal worker and client on the same server, in this process. */
export class BareTemporal {
  private constructor(
    private readonly client: Client,
    private readonly connection: Connection,
    private readonly native: NativeConnection,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    private readonly taskQueue: string,
    /** Workflows that have run their first workflow task (the bare workflow's sink). */
    private readonly firstTasks: Set<string>,
  ) {}

  static async start(address: string, namespace = 'default'): Promise<BareTemporal> {
    const taskQueue = `bench-bare-${process.pid}-${randomUUID().slice(0, 8)}`;
    const native = await NativeConnection.connect({ address });
    const bundle = await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'bare.workflow' + (__filename.endsWith('.ts') ? '.ts' : '.js')),
      logger: new DefaultLogger('ERROR'),
    });
    const firstTasks = new Set<string>();
    const sinks: InjectedSinks<BareSinks> = {
      bench: { firstTask: { fn: (info) => void firstTasks.add(info.workflowId) } },
    };
    const worker = await Worker.create({ connection: native, namespace, taskQueue, workflowBundle: bundle, sinks });
    const running = worker.run();
    const connection = await Connection.connect({ address });
    const client = new Client({ connection, namespace });
    return new BareTemporal(client, connection, native, worker, running, taskQueue, firstTasks);
  }

  private start(steps: number) {
    return this.client.workflow.start('bareStepsWorkflow', {
      taskQueue: this.taskQueue,
      workflowId: `bare-${randomUUID()}`,
      args: [steps],
    });
  }

  /** The client's `executeUpdate` round trip that advances one step. */
  async updateLatency(n: number): Promise<Summary> {
    const handle = await this.start(n);
    const samples: number[] = [];
    for (let i = 1; i <= n; i++) {
      const t0 = performance.now();
      await handle.executeUpdate(advanceUpdate, { args: [i] });
      samples.push(performance.now() - t0);
    }
    await handle.result();
    return summarize(samples);
  }

  /** The same number of workflows and updates per workflow as the Waymark throughput run. */
  async throughput(concurrency: number, stepsPerCase: number): Promise<ThroughputResult> {
    const t0 = performance.now();
    await mapLimit(
      Array.from({ length: concurrency }, (_, i) => i),
      concurrency,
      async () => {
        const handle = await this.start(stepsPerCase);
        for (let i = 1; i <= stepsPerCase; i++) await handle.executeUpdate(advanceUpdate, { args: [i] });
        await handle.result();
      },
    );
    return rates(concurrency, concurrency * stepsPerCase, performance.now() - t0);
  }

  /**
   * Bare Temporal's case creation, measured as Waymark's is: `n` workflows started 32 at a time, until every one
   * has run its first workflow task. They stay open, as Waymark's cases do.
   */
  async createRate(n: number): Promise<{ workflows: number; seconds: number; perSecond: number }> {
    const t0 = performance.now();
    const handles = await mapLimit(
      Array.from({ length: n }, (_, i) => i),
      32,
      () => this.start(Number.MAX_SAFE_INTEGER),
    );
    // Every one has run its first workflow task (the worker runs them in its own order, not the order started).
    // The bare worker shares this process: each poll looks only past the workflows already seen.
    let seen = 0;
    await until(
      async () => {
        while (seen < handles.length && this.firstTasks.has(handles[seen].workflowId)) seen++;
        return seen === handles.length ? true : undefined;
      },
      Math.max(600_000, n * 20),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { workflows: n, seconds: Math.round(seconds * 10) / 10, perSecond: Math.round((n / seconds) * 10) / 10 };
  }

  /** The client, for reading Waymark's histories on the same server. */
  get temporalClient(): Client {
    return this.client;
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.connection.close();
    await this.native.close();
  }
}

export interface ScaleResult {
  openCases: number;
  createSeconds: number;
  /** After every first task was in the inbox, until the audit chain had caught up and statistics were current. */
  settleSeconds: number;
  tasks: Summary;
  cases: Summary;
  /** `GET /cases/:id` of one of the open cases in turn: the case view, with its records scoped field by field. */
  caseView: Summary;
  residentMemoryMiB: { api?: number; worker?: number };
}

/**
 * Scale: open `open` cases through the API (each opens a task for agency A), then time one agency's `GET /tasks`
 * and `GET /cases` pages, and read the API's and worker's resident memory.
 */
export async function scale(
  stack: AppStack,
  open: number,
  requests: number,
  settle: (openTasks: number, since: Date) => Promise<Settled>,
  log: (line: string) => void = () => {},
): Promise<ScaleResult> {
  const tokenA = await stack.token('demo-a', ['caseworker'], 'bench-a');
  const since = new Date(Date.now() - 1000);
  const t0 = performance.now();
  let started = 0;
  let lastLog = t0;
  const ids = await mapLimit(
    Array.from({ length: open }, (_, i) => i),
    32,
    async () => {
      const id = await startCase(stack, tokenA, DEMO_SCRIPT);
      started++;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        const rate = Math.round((started / ((lastLog - t0) / 1000)) * 10) / 10;
        log(`scale: ${started} of ${open} cases started (${rate}/s)`);
      }
      return id;
    },
  );
  // Created when every case's first task, written by the worker, is in the inbox; then settled.
  const { allFirstTasksAt, settledAt } = await settle(open, since);
  const createSeconds = Math.round((allFirstTasksAt - t0) / 100) / 10;
  const settleSeconds = Math.round((settledAt - allFirstTasksAt) / 100) / 10;
  const time = async (pathOf: string | ((i: number) => string)) => {
    const samples: number[] = [];
    // Not counted: the first requests of a path after the burst (connections, caches, the planner's first plan),
    // on other cases than the timed ones.
    for (let i = requests; i < requests + WARM_UP_REQUESTS; i++)
      await stack.http('GET', typeof pathOf === 'string' ? pathOf : pathOf(i), { token: tokenA });
    for (let i = 0; i < requests; i++) {
      const path = typeof pathOf === 'string' ? pathOf : pathOf(i);
      const s = performance.now();
      const res = await stack.http('GET', path, { token: tokenA });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      samples.push(performance.now() - s);
    }
    return summarize(samples);
  };
  const tasks = await time('/tasks?limit=50');
  const cases = await time('/cases?status=open&limit=50');
  const caseView = await time((i) => `/cases/${ids[(i * 7919) % ids.length]}`);
  const kib = stack.residentMemoryKiB();
  const mib = (x?: number) => (x === undefined ? undefined : Math.round(x / 102.4) / 10);
  return {
    openCases: open,
    createSeconds,
    settleSeconds,
    tasks,
    cases,
    caseView,
    residentMemoryMiB: { api: mib(kib.api), worker: mib(kib.worker) },
  };
}
