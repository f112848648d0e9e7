import { Client as TemporalClient, Connection } from '@temporalio/client';
import { AppStack } from '../support/stack';

/** The demo hand-off SOP through the real API, worker, Temporal and PostgreSQL. */
describe('demo-handoff spine', () => {
  const stack = new AppStack('spine');
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    await stack.start();
    tokenA = await stack.token('demo-a', ['caseworker'], 'alice');
    tokenB = await stack.token('demo-b', ['caseworker'], 'bruno');
  });
  afterAll(() => stack.stop());

  async function startCase(token = tokenA): Promise<string> {
    const res = await stack.http('POST', '/cases', {
      token,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  it('hands a case from agency A to agency B and completes it', async () => {
    const caseId = await startCase();
    const first = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const inboxB = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: tokenB });
    expect(inboxB.body.items).toEqual([]);

    const done = await stack.http('POST', `/tasks/${first.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ taskId: first.taskId, step: 'review-intake', status: 'completed' });

    const second = await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const inboxA = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: tokenA });
    expect(inboxA.body.items).toEqual([]);
    const finish = await stack.http('POST', `/tasks/${second.taskId}/complete`, {
      token: tokenB,
      body: { form: { outcome: 'resolved' } },
    });
    expect(finish.status).toBe(200);

    const kase = await stack.waitForCaseStatus(tokenA, caseId, 'completed');
    expect(kase.endState).toBe('resolved');
    expect(kase.openTasks).toEqual([]);
    expect(kase.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'case-opened',
      'task-opened',
      'task-completed',
      'task-opened',
      'task-completed',
      'case-completed',
    ]);
    const list = await stack.http('GET', '/cases?status=completed', { token: tokenB });
    expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });

  it('shows a case in progress with its open task and state', async () => {
    const caseId = await startCase();
    const task = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const res = await stack.http('GET', `/cases/${caseId}`, { token: tokenB });
    expect(res.status).toBe(200);
    expect(res.body.state).toEqual({
      status: 'open',
      endState: null,
      currentSteps: ['review-intake'],
      round: 1,
      personOutcome: null,
    });
    // B sees who holds the case but gets no task id to act on.
    expect(res.body.openTasks).toEqual([expect.objectContaining({ step: 'review-intake', agencyId: 'demo-a' })]);
    expect(res.body.openTasks[0].taskId).toBeUndefined();
    const own = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
    expect(own.body.openTasks[0].taskId).toBe(task.taskId);
  });

  it("runs cases without the SDK's per-promise stack traces (WORKER_WORKFLOW_STACK_TRACES unset)", async () => {
    const caseId = await startCase();
    await stack.waitForTask(tokenA, 'review-intake', caseId);
    const connection = await Connection.connect({ address: process.env.WAYMARK_E2E_TEMPORAL_ADDRESS! });
    try {
      const handle = new TemporalClient({ connection }).workflow.getHandle(`case-${caseId}`);
      // With the SDK's promise hook in the workflow thread this query answers the case's stack; without, it fails.
      await expect(handle.query('__stack_trace')).rejects.toThrow();
      // The case's own queries still answer.
      const res = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
      expect(res.body.state.currentSteps).toEqual(['review-intake']);
    } finally {
      await connection.close();
    }
  });

  it('answers 401 without a valid token', async () => {
    const none = await stack.http('GET', '/tasks');
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('unauthenticated');
    const bad = await stack.http('GET', '/tasks', { token: 'not.a.jwt' });
    expect(bad.status).toBe(401);
    expect(none.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 400 naming each bad field', async () => {
    const res = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: {}, extra: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(res.body.fields).toEqual(expect.arrayContaining([{ field: 'extra', reason: 'should not exist' }]));

    const intake = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'fax' } },
    });
    expect(intake.status).toBe(400);
    expect(intake.body.fields).toEqual([
      { field: 'input.channel', reason: 'must be one of: phone, walk-in, referral' },
    ]);

    const caseId = await startCase();
    const task = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const form = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: 'yes' } },
    });
    expect(form.status).toBe(400);
    expect(form.body.fields).toEqual([{ field: 'form.ready', reason: 'must be true or false' }]);

    const badId = await stack.http('GET', '/cases/not-a-uuid', { token: tokenA });
    expect(badId.status).toBe(400);
    expect(badId.body.fields).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it("hides another agency's task and refuses to complete it", async () => {
    const caseId = await startCase();
    const task = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const inboxB = await stack.http('GET', '/tasks?status=all', { token: tokenB });
    expect(inboxB.body.items.map((t: { taskId: string }) => t.taskId)).not.toContain(task.taskId);

    const byB = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: tokenB,
      body: { form: { ready: true } },
    });
    expect(byB.status).toBe(404);
    const outsider = await stack.token('demo-c', ['caseworker']);
    const caseByOutsider = await stack.http('GET', `/cases/${caseId}`, { token: outsider });
    expect(caseByOutsider.status).toBe(404);
    const wrongRole = await stack.token('demo-a', ['manager']);
    const byManager = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: wrongRole,
      body: { form: { ready: true } },
    });
    expect(byManager.status).toBe(403);
    const still = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: tokenA });
    expect(still.body.items).toHaveLength(1);
  });

  it('does no harm when a completion is sent twice with the same Idempotency-Key', async () => {
    const caseId = await startCase();
    const task = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const send = () =>
      stack.http('POST', `/tasks/${task.taskId}/complete`, {
        token: tokenA,
        body: { form: { ready: true } },
        headers: { 'Idempotency-Key': `complete-${task.taskId}` },
      });
    const [a, b] = [await send(), await send()];
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');

    await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const kase = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
    const completions = kase.body.timeline.filter((e: { kind: string }) => e.kind === 'task-completed');
    expect(completions).toHaveLength(1);
    expect(kase.body.openTasks).toHaveLength(1);

    const reused = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: false } },
      headers: { 'Idempotency-Key': `complete-${task.taskId}` },
    });
    expect(reused.status).toBe(422);
    const again = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    expect(again.status).toBe(409);
  });

  it('finishes a case after the worker is killed mid-case and restarted', async () => {
    const caseId = await startCase();
    const first = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const done = await stack.http('POST', `/tasks/${first.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    expect(done.status).toBe(200);
    await stack.killWorker();
    // With no worker, a new case is accepted and waits in Temporal.
    const waiting = await startCase();
    await stack.startWorker();
    const second = await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const finish = await stack.http('POST', `/tasks/${second.taskId}/complete`, {
      token: tokenB,
      body: { form: { outcome: 'referred-on' } },
    });
    expect(finish.status).toBe(200);
    const kase = await stack.waitForCaseStatus(tokenA, caseId, 'completed');
    expect(kase.endState).toBe('referred-on');
    await stack.waitForTask(tokenA, 'review-intake', waiting);
  });

  it('lets one caseworker claim a task, and keeps colleagues from completing it', async () => {
    const caseId = await startCase();
    const task = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const colleague = await stack.token('demo-a', ['caseworker'], 'carla');
    const claim = await stack.http('POST', `/tasks/${task.taskId}/claim`, { token: tokenA });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ taskId: task.taskId, claimedBy: 'alice' });
    const inbox = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: colleague });
    expect(inbox.body.items[0].claimedBy).toBe('alice');
    const byColleague = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: colleague,
      body: { form: { ready: true } },
    });
    expect(byColleague.status).toBe(409);
    const reclaim = await stack.http('POST', `/tasks/${task.taskId}/claim`, { token: colleague });
    expect(reclaim.status).toBe(409);
    const byClaimer = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    expect(byClaimer.status).toBe(200);
  });

  it('serves SOP descriptions generated from the declarations', async () => {
    const list = await stack.http('GET', '/sops', { token: tokenA });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['venice-inspection', 'joint-operation', 'assisted-return', 'demo-handoff']),
    );
    const demo = await stack.http('GET', '/sops/demo-handoff', { token: tokenA });
    expect(demo.body.steps.map((s: { id: string }) => s.id)).toEqual(['review-intake', 'record-outcome']);
    expect(demo.body.steps[1].form.properties.outcome.enum).toEqual(['resolved', 'referred-on']);
    expect(demo.body.diagram).toContain('stateDiagram-v2');
    const missing = await stack.http('GET', '/sops/nope', { token: tokenA });
    expect(missing.status).toBe(404);
  });

  it('refuses an event type the SOP does not declare', async () => {
    const caseId = await startCase();
    const res = await stack.http('POST', `/cases/${caseId}/events`, {
      token: tokenA,
      body: { type: 'arrival-confirmed', data: {} },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe('type');
  });

  it('cancels a case with a reason and closes its open tasks', async () => {
    const caseId = await startCase();
    await stack.waitForTask(tokenA, 'review-intake', caseId);
    const noReason = await stack.http('POST', `/cases/${caseId}/cancel`, { token: tokenA, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields[0].field).toBe('reason');
    // A caseworker may not end the case for everyone; the lead agency's supervisor may.
    const byCaseworker = await stack.http('POST', `/cases/${caseId}/cancel`, { token: tokenA, body: { reason: 'x' } });
    expect(byCaseworker.status).toBe(403);
    const res = await stack.http('POST', `/cases/${caseId}/cancel`, {
      token: await stack.token('demo-a', ['supervisor'], 'sara'),
      body: { reason: 'opened twice' },
    });
    expect(res.status).toBe(202);
    const kase = await stack.waitForCaseStatus(tokenA, caseId, 'cancelled');
    expect(kase.endState).toBe('cancelled');
    const inbox = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: tokenA });
    expect(inbox.body.items).toEqual([]);
  });
});

describe('health', () => {
  const down = new AppStack('health-down', { TEMPORAL_ADDRESS: '127.0.0.1:1' });
  beforeAll(() => down.startApi());
  afterAll(() => down.stop());

  it('answers 503 naming Temporal when it cannot be reached', async () => {
    const res = await down.http('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'down',
      checks: { postgres: 'up', temporal: 'down' },
      message: 'temporal is down',
    });
  });
});
