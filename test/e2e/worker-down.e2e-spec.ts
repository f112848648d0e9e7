import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/**
 * No worker polls the case's task queue (all crashed, or a deployment lost its workers): a request that needs the
 * workflow answers 504 `timeout` within WORKFLOW_UPDATE_TIMEOUT_MS instead of hanging, and a retry with the same
 * Idempotency-Key once a worker is back completes the step exactly once.
 */
describe('requests while no worker runs', () => {
  const stack = new AppStack('worker-down', { WORKFLOW_UPDATE_TIMEOUT_MS: '2000' });
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    await stack.start();
    tokenA = await stack.token('demo-a', ['caseworker'], 'alice');
    tokenB = await stack.token('demo-b', ['caseworker'], 'bruno');
  });
  afterAll(() => stack.stop());

  it('answers 504 naming the retry, and a retry with the same key after the worker returns completes once', async () => {
    const started = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const task = await stack.waitForTask(tokenA, 'review-intake', caseId);

    await stack.killWorker();
    const key = `complete-${task.taskId}`;
    const attempt = () =>
      stack.http('POST', `/tasks/${task.taskId}/complete`, {
        token: tokenA,
        body: { form: { ready: true } },
        headers: { 'Idempotency-Key': key },
      });
    const down = await attempt();
    expect([down.status, down.body.error]).toEqual([504, 'timeout']);
    expect(down.body.message).toMatch(/retry with the same Idempotency-Key/);
    // The OpenAPI document says so for every route that needs the workflow.
    const docs = (await stack.http('GET', '/docs-json')).body;
    for (const [path, method] of [
      ['/tasks/{id}/complete', 'post'],
      ['/tasks/{id}/claim', 'post'],
      ['/tasks/{id}/extend', 'post'],
      ['/cases/{id}/events', 'post'],
      ['/cases/{id}/cancel', 'post'],
    ]) {
      const responses = docs.paths[path]?.[method]?.responses;
      expect([path, responses?.['503']?.description, responses?.['504']?.description]).toEqual([
        path,
        expect.stringContaining('unavailable'),
        expect.stringContaining('timeout'),
      ]);
    }
    const claim = await stack.http('POST', `/tasks/${task.taskId}/claim`, { token: tokenA });
    expect([claim.status, claim.body.error]).toEqual([504, 'timeout']);
    // The case and its task are still readable: only the workflow's answer is missing.
    const view = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
    expect(view.status).toBe(200);

    await stack.startWorker();
    const done = await waitFor(
      'the completion to go through once the worker is back',
      async () => {
        // 504 while no worker answers; 503 while the returning worker replays a case whose last workflow task the
        // killed worker had not completed (its task row was committed, the workflow does not know the task yet).
        const r = await attempt();
        return r.status === 504 || r.status === 503 ? undefined : r;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect([done.status, done.body.taskId, done.body.step]).toEqual([200, task.taskId, 'review-intake']);
    // A repeat is answered from the idempotency record; the workflow saw the step completed once.
    const repeat = await attempt();
    expect([repeat.status, repeat.body.taskId]).toEqual([200, task.taskId]);
    await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const kase = await stack.http('GET', `/cases/${caseId}`, { token: tokenA });
    const completions = kase.body.timeline.filter((e: { kind: string; step?: string }) => e.kind === 'task-completed');
    expect(completions).toHaveLength(1);
  });
});
