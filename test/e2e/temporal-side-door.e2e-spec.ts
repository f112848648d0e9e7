import { Client as TemporalClient, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { resolveBinary } from '@waymark/temporal';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '../../libs/devstack/src/ports';
import { startTemporalDevServer } from '../../libs/devstack/src/temporal-server';
import { listeningSockets, pidsWithArgs } from '../support/listening-sockets';
import { AppStack, ARTIFACTS } from '../support/stack';

const ROOT = resolve(__dirname, '../..');
const EventType = temporal.api.enums.v1.EventType;

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real `temporal` CLI against the e2e Temporal, with no codec: what anyone reaching the frontend can do. */
function cli(args: string[]): Promise<CliResult> {
  const bin = resolveBinary('temporal', { projectRoot: ROOT });
  if (!bin.path) throw new Error(`the temporal CLI is needed (${bin.installCommand})`);
  const all = [...args, '--address', process.env.WAYMARK_E2E_TEMPORAL_ADDRESS!, '--command-timeout', '60s'];
  return new Promise((done) => {
    execFile(bin.path!, all, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** How many payloads the worker has refused so far (its log lines; they hold the context kind only). */
const refusals = () =>
  readFileSync(join(ARTIFACTS, 'temporal-side-door.log'), 'utf8').split('foreign payload refused').length - 1;

/**
 * Temporal is not a side door (security issue #13): a client without Waymark's keys that reaches the Temporal
 * frontend cannot write into a case. A forged `completeTask` update (plain JSON, or a forged ciphertext) is
 * rejected before it reaches the history; a signal with a forged actor is ignored, deterministically, without
 * failing a workflow task; the case stays as it was and then completes normally through the API. The dev server
 * listens on loopback only.
 */
describe('Temporal side door', () => {
  const stack = new AppStack('temporal-side-door');
  let connection: Connection;
  let plainClient: TemporalClient;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    await stack.start();
    connection = await Connection.connect({ address: process.env.WAYMARK_E2E_TEMPORAL_ADDRESS! });
    plainClient = new TemporalClient({ connection });
    tokenA = await stack.token('demo-a', ['caseworker'], 'alice');
    tokenB = await stack.token('demo-b', ['caseworker'], 'bruno');
  });
  afterAll(async () => {
    await connection?.close();
    await stack.stop();
  });

  /** The raw history (no codec): event types, and the patch ids of its markers. */
  async function historyOf(workflowId: string) {
    const history = await plainClient.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const types = events.map((e) => e.eventType);
    const patches = events
      .filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED)
      .map((e) => Buffer.from(e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data ?? []))
      .map((b) => b.toString('utf8'));
    return { types, patches };
  }

  it('rejects forged updates, ignores a forged signal, and the case carries on', async () => {
    const started = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(started.status).toBe(201);
    const caseId: string = started.body.caseId;
    const workflowId = `case-${caseId}`;
    const review = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const before = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
    expect(before.status).toBe(200);
    expect(before.body.openTasks.map((t: { taskId: string }) => t.taskId)).toEqual([review.taskId]);

    // Exactly what the API would send for alice, with a forged actor, but without the codec.
    const forged = {
      taskId: review.taskId,
      form: { ready: true, note: 'forged' },
      actor: { sub: 'mallory', agencyId: 'demo-a', roles: ['caseworker'] },
    };
    const update = await cli([
      'workflow',
      'update',
      'execute',
      '-w',
      workflowId,
      '--name',
      'completeTask',
      '--input',
      JSON.stringify(forged),
    ]);
    // Rejected by the validator (the failure's message is encrypted; its type is not), not merely unreadable here.
    expect(update.code).not.toBe(0);
    expect(update.stderr).toContain('type: ForeignPayload');

    // A payload dressed up as ours (our encoding, this case's id) but encrypted with no key Waymark holds.
    const dressedUp = await cli([
      'workflow',
      'update',
      'execute',
      '-w',
      workflowId,
      '--name',
      'completeTask',
      '--input-meta',
      'encoding=binary/waymark-aes256gcm',
      '--input-meta',
      `waymark-case=${caseId}`,
      '--input-base64',
      '--input',
      randomBytes(96).toString('base64'),
    ]);
    expect(dressedUp.code).not.toBe(0);
    expect(dressedUp.stderr).toContain('type: ForeignPayload');

    // A signal cannot be refused (it is in the history before a worker sees it): it must be ignored.
    const signal = await cli([
      'workflow',
      'signal',
      '-w',
      workflowId,
      '--name',
      'consentsChanged',
      '--input',
      JSON.stringify({ actor: forged.actor }),
    ]);
    expect(signal.code).toBe(0);
    // The worker took the signal: the refusal's patch marker is recorded, and no workflow task failed on the way.
    const after = await waitFor(
      'the worker to take the forged signal',
      async () => {
        const h = await historyOf(workflowId);
        const signalled = h.types.lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
        const completed = h.types.lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
        return signalled >= 0 && completed > signalled ? h : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(after.patches.some((p) => p.includes('foreign-payloads'))).toBe(true);
    expect(after.types).not.toContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    expect(after.types).not.toContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    expect(after.types).not.toContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);

    // Every other update is refused the same way, by its validator.
    for (const name of ['claimTask', 'reportEvent', 'extendDeadline', 'cancelCase']) {
      const other = await cli(['workflow', 'update', 'execute', '-w', workflowId, '--name', name, '--input', '{}']);
      expect({ name, stderr: other.stderr }).toEqual({ name, stderr: expect.stringContaining('type: ForeignPayload') });
    }

    // The case is as it was: the task still open, no timeline entry, no new state.
    const unchanged = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
    expect(unchanged.body.openTasks).toEqual(before.body.openTasks);
    expect(unchanged.body.timeline).toEqual(before.body.timeline);
    expect(unchanged.body.state).toEqual(before.body.state);

    // And it is not stuck: it completes through the API, on a fresh worker that must replay the history with the
    // forged signal in it (decoded to the marker again, ignored again, the patch marker matching).
    const refusedBefore = refusals();
    await stack.stopProcesses();
    await stack.start();
    const done = await stack.http('POST', `/tasks/${review.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    expect(done.status).toBe(200);
    const outcome = await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const finish = await stack.http('POST', `/tasks/${outcome.taskId}/complete`, {
      token: tokenB,
      body: { form: { outcome: 'resolved' } },
    });
    expect(finish.status).toBe(200);
    const closed = await stack.waitForCaseStatus(tokenA, caseId, 'completed');
    expect(closed.endState).toBe('resolved');
    expect(closed.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'case-opened',
      'task-opened',
      'task-completed',
      'task-opened',
      'task-completed',
      'case-completed',
    ]);
    expect((await historyOf(workflowId)).types).not.toContain(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    expect(refusals()).toBeGreaterThan(refusedBefore);

    // A genuine ciphertext copied from this case's history (alice's completion) does not act in another case.
    const copied = (await plainClient.workflow.getHandle(workflowId).fetchHistory()).events
      ?.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .find((input) => input?.name === 'completeTask')?.args?.payloads?.[0];
    expect(copied?.metadata?.['waymark-case']).toBeDefined();
    const other = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(other.status).toBe(201);
    await stack.waitForTask(tokenA, 'review-intake', other.body.caseId);
    const replayed = await cli([
      'workflow',
      'update',
      'execute',
      '-w',
      `case-${other.body.caseId}`,
      '--name',
      'completeTask',
      ...Object.entries(copied!.metadata!).flatMap(([k, v]) => ['--input-meta', `${k}=${Buffer.from(v).toString()}`]),
      '--input-base64',
      '--input',
      Buffer.from(copied!.data!).toString('base64'),
    ]);
    expect(replayed.stderr).toContain('type: ForeignPayload');
  });

  it('runs the dev server on loopback only: frontend, HTTP API, metrics and Web UI', async () => {
    const port = Number(process.env.WAYMARK_E2E_TEMPORAL_ADDRESS!.split(':').pop());
    const [e2ePid] = pidsWithArgs(['start-dev', '--port', String(port)]);
    expect(e2ePid).toBeDefined();
    const e2eSockets = listeningSockets(e2ePid);
    expect(e2eSockets.map((s) => s.port)).toContain(port);
    for (const s of e2eSockets) expect(s.address).toBe('127.0.0.1');

    // With the Web UI, as `npm start` runs it.
    const own = await startTemporalDevServer({
      uiPort: 'free',
      namespace: 'default',
      projectRoot: ROOT,
      dbFile: join(mkdtempSync(join(tmpdir(), 'waymark-side-door-')), 'temporal.db'),
    });
    try {
      const ownPort = Number(own.address.split(':').pop());
      const uiPort = Number(new URL(own.uiUrl!).port);
      const [pid] = pidsWithArgs(['start-dev', '--port', String(ownPort)]);
      const sockets = await waitFor(
        'the Web UI to listen',
        async () => {
          const found = listeningSockets(pid);
          return found.some((s) => s.port === uiPort) ? found : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(sockets.map((s) => s.port)).toEqual(expect.arrayContaining([ownPort, uiPort]));
      for (const s of sockets) expect(s.address).toBe('127.0.0.1');
    } finally {
      await own.stop();
    }
  });
});
