import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, AppStack } from '../support/stack';

const CANARY = 'Zorana Canarywood';

/**
 * Nothing about a person leaks into logs, ids or error messages: a name is put into every free-text field, into
 * invalid values and a cancellation reason; afterwards neither the API's and worker's logs nor any error body
 * contain it.
 */
describe('no personal data in logs or errors', () => {
  const stack = new AppStack('canary');
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('keeps a canary name out of every log line and error body', async () => {
    const a = await stack.token('demo-a', ['caseworker'], 'alice');
    const errors: string[] = [];
    const expectError = async (res: { status: number; body: unknown }) => {
      expect(res.status).toBeGreaterThanOrEqual(400);
      errors.push(JSON.stringify(res.body));
    };

    await expectError(await stack.http('POST', '/cases', { token: a, body: { sop: 'demo-handoff', input: { channel: CANARY } } }));
    await expectError(await stack.http('POST', '/cases', { token: a, body: { sop: CANARY, input: {} } }));
    await expectError(await stack.http('GET', `/cases/${encodeURIComponent(CANARY)}`, { token: a }));
    await expectError(await stack.http('GET', `/tasks?caseId=${encodeURIComponent(CANARY)}`, { token: a }));

    const started = await stack.http('POST', '/cases', { token: a, body: { sop: 'demo-handoff', input: { channel: 'phone' } } });
    const caseId = started.body.caseId;
    const task = await stack.waitForTask(a, 'review-intake', caseId);
    await expectError(await stack.http('POST', `/tasks/${task.taskId}/complete`, { token: a, body: { form: { ready: CANARY } } }));
    await expectError(
      await stack.http('POST', `/tasks/${task.taskId}/complete`, { token: a, body: { form: { ready: true, note: CANARY.repeat(100) } } }),
    );
    const done = await stack.http('POST', `/tasks/${task.taskId}/complete`, { token: a, body: { form: { ready: true, note: `Met ${CANARY}` } } });
    expect(done.status).toBe(200);
    await expectError(await stack.http('POST', `/cases/${caseId}/events`, { token: a, body: { type: 'arrival-confirmed', data: { who: CANARY } } }));
    const cancelled = await stack.http('POST', `/cases/${caseId}/cancel`, { token: a, body: { reason: `${CANARY} asked to stop` } });
    expect(cancelled.status).toBe(202);
    await stack.waitForCaseStatus(a, caseId, 'cancelled');

    expect(errors.length).toBeGreaterThanOrEqual(7);
    for (const body of errors) expect(body).not.toContain('Canarywood');
    await stack.stop();
    const logs = readFileSync(join(ARTIFACTS, 'canary.log'), 'utf8');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain('Canarywood');
  });
});
