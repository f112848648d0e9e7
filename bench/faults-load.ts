import type { AppStack, HttpResult } from '@waymark/devstack/app-stack';

/**
 * The fault suite's load: a mix of SOP cases walked through the API by several clients at once, each request
 * retried as a careful client would (same Idempotency-Key, after Retry-After or a short pause) while processes are
 * being killed under it. Every answer is counted; a 5xx is a server error even when a retry then succeeds.
 */

/** One scripted step: who completes it and with what. */
interface ScriptStep {
  step: string;
  actor: string;
  form: Record<string, unknown>;
}

export interface FaultScript {
  sop: string;
  starter: string;
  input: Record<string, unknown>;
  steps: ScriptStep[];
  /** What the case shows once the walk is done: closed, or the next step open for `actor`. */
  then: { status: 'completed' } | { openStep: string; actor: string };
}

/** Agencies and roles the scripts act as: `[agency, role]`. */
export const ACTORS: Record<string, [string, string]> = {
  a: ['demo-a', 'caseworker'],
  b: ['demo-b', 'caseworker'],
  coordinator: ['venice-cau', 'coordinator'],
  inspector: ['venice-labour-inspectorate', 'labour-inspector'],
  officer: ['venice-police', 'police-officer'],
};

const TODAY = new Date().toISOString().slice(0, 10);

export const SCRIPTS: FaultScript[] = [
  {
    sop: 'demo-handoff',
    starter: 'a',
    input: { channel: 'referral' },
    steps: [
      { step: 'review-intake', actor: 'a', form: { ready: true } },
      { step: 'record-outcome', actor: 'b', form: { outcome: 'resolved' } },
    ],
    then: { status: 'completed' },
  },
  {
    sop: 'venice-inspection',
    starter: 'coordinator',
    input: {
      triggerType: 'hotline-call',
      premisesType: 'manufacturing-company',
      suspectedExploitation: 'labour',
      municipality: 'Padova',
    },
    steps: [
      {
        step: 'joint-planning-unit',
        actor: 'coordinator',
        form: { decision: 'confirmed', plannedDate: TODAY, socialWorkersOnCall: 2, mediatorAssigned: true },
      },
      {
        step: 'joint-planning-inspectorate',
        actor: 'inspector',
        form: { decision: 'confirmed', inspectorsAssigned: 2 },
      },
      {
        step: 'joint-planning-police',
        actor: 'officer',
        form: { decision: 'confirmed', force: 'state-police', officersAssigned: 2 },
      },
    ],
    then: { openStep: 'compliance-check-labour', actor: 'inspector' },
  },
];

export interface CaseRun {
  key: string;
  script: FaultScript;
  caseId?: string;
  /** Steps the client saw completed (200). */
  completed: string[];
  /** The walk gave up on this step (the request never went through within the step deadline). */
  gaveUpAt?: string;
}

export interface LoadStats {
  requests: number;
  serverErrors: number;
  /** Network errors: the connection was refused or cut (a process was down). */
  networkErrors: number;
  /** When each hand-off finished: a step completed and the next one (or the closed case) became visible. */
  handoffs: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FaultLoad {
  readonly cases: CaseRun[] = [];
  readonly stats: LoadStats = { requests: 0, serverErrors: 0, networkErrors: 0, handoffs: [] };
  private stopped = false;
  private workers: Promise<void>[] = [];
  private seq = 0;

  constructor(
    private readonly stack: AppStack,
    private readonly tokens: Record<string, string>,
    private readonly runId: string,
    private readonly stepDeadlineMs = 120_000,
  ) {}

  /** One request, retried through outages until it gets a final answer or `deadline` passes. */
  async call(
    method: string,
    path: string,
    actor: string,
    opts: { body?: unknown; key?: string; deadline: number; retryOn?: number[] },
  ): Promise<HttpResult | undefined> {
    for (let pause = 200; Date.now() < opts.deadline; pause = Math.min(pause * 2, 2000)) {
      this.stats.requests++;
      let res: HttpResult;
      try {
        res = await this.stack.http(method, path, {
          token: this.tokens[actor],
          body: opts.body,
          headers: opts.key ? { 'Idempotency-Key': opts.key } : {},
        });
      } catch {
        this.stats.networkErrors++;
        await sleep(pause);
        continue;
      }
      if (res.status >= 500) this.stats.serverErrors++;
      const retryable = res.status >= 500 || res.status === 429 || (opts.retryOn ?? []).includes(res.status);
      if (!retryable) return res;
      const after = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 5000) : pause);
    }
    return undefined;
  }

  private async openTask(run: CaseRun, step: string, actor: string, deadline: number) {
    while (Date.now() < deadline) {
      const res = await this.call('GET', `/tasks?caseId=${run.caseId}&step=${step}`, actor, { deadline });
      const item = (res?.body?.items as { taskId: string }[] | undefined)?.[0];
      if (item) return item;
      await sleep(150);
    }
    return undefined;
  }

  /** Walks the case from where it stands (a walk that gave up earlier resumes with the same keys). */
  async walk(run: CaseRun): Promise<void> {
    const { script } = run;
    run.gaveUpAt = undefined;
    const deadline = () => Date.now() + this.stepDeadlineMs;
    if (!run.caseId) {
      const started = await this.call('POST', '/cases', script.starter, {
        body: { sop: script.sop, input: script.input },
        key: run.key,
        deadline: deadline(),
        retryOn: [409],
      });
      if (started?.status !== 201) {
        run.gaveUpAt = `start (${started?.status ?? 'no answer'})`;
        return;
      }
      run.caseId = started.body.caseId as string;
    }
    for (const s of script.steps.filter((x) => !run.completed.includes(x.step))) {
      const d = deadline();
      const task = await this.openTask(run, s.step, s.actor, d);
      if (!task) {
        run.gaveUpAt = s.step;
        return;
      }
      // 404: the inbox row is written a moment before the workflow records the task; 409 request_in_progress.
      const done = await this.call('POST', `/tasks/${task.taskId}/complete`, s.actor, {
        body: { form: s.form },
        key: `${run.key}:${s.step}`,
        deadline: d,
        retryOn: [404, 409],
      });
      if (done?.status !== 200) {
        run.gaveUpAt = `${s.step} (${done?.status ?? 'no answer'})`;
        return;
      }
      run.completed.push(s.step);
      this.stats.handoffs.push(Date.now());
    }
  }

  /** `concurrency` clients, each walking one case after another until `stop()`. */
  start(concurrency: number): void {
    for (let i = 0; i < concurrency; i++) {
      this.workers.push(
        (async () => {
          while (!this.stopped) {
            const n = this.seq++;
            const run: CaseRun = {
              key: `faults-${this.runId}-${n}`,
              // Two demo hand-off cases to one Venice inspection: short walks and a real multi-agency SOP.
              script: SCRIPTS[n % 3 === 2 ? 1 : 0],
              completed: [],
            };
            this.cases.push(run);
            await this.walk(run);
          }
        })(),
      );
    }
  }

  /** Lets every client finish the case it is on, then resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
  }
}
