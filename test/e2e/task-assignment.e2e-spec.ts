import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/**
 * Who holds a task, through the real API, worker, Temporal and PostgreSQL: the holder releases a claimed task, a
 * supervisor hands it to a colleague who has a role it needs (only people the agency knows), the colleague completes
 * it, and the timeline, audit and the colleague's notifications say so.
 */
const stack = new AppStack('task-assignment');
const tokens = {} as Record<'a' | 'anna' | 'bruno' | 'sup' | 'other' | 'clerk', string>;

beforeAll(async () => {
  await stack.start();
  tokens.a = await stack.token('demo-a', ['caseworker'], 'ta-a');
  tokens.anna = await stack.token('demo-b', ['caseworker'], 'ta-anna');
  tokens.bruno = await stack.token('demo-b', ['caseworker'], 'ta-bruno');
  tokens.sup = await stack.token('demo-b', ['supervisor'], 'ta-sup');
  tokens.other = await stack.token('demo-a', ['supervisor'], 'ta-other-sup');
  tokens.clerk = await stack.token('demo-b', ['clerk'], 'ta-clerk');
  // Everyone has used Waymark once: the agency's list of people knows them (and their roles) from then on.
  for (const token of Object.values(tokens)) expect((await stack.http('GET', '/tasks', { token })).status).toBe(200);
});
afterAll(() => stack.stop());

async function receivingTask(): Promise<{ caseId: string; taskId: string }> {
  const started = await stack.http('POST', '/cases', {
    token: tokens.a,
    body: { sop: 'demo-handoff', input: { channel: 'phone' } },
  });
  expect(started.status).toBe(201);
  const review = await stack.waitForTask(tokens.a, 'review-intake', started.body.caseId);
  const done = await stack.http('POST', `/tasks/${review.taskId}/complete`, {
    token: tokens.a,
    body: { form: { ready: true } },
  });
  expect(done.status).toBe(200);
  const task = await stack.waitForTask(tokens.anna, 'record-outcome', started.body.caseId);
  return { caseId: started.body.caseId, taskId: task.taskId };
}

const holder = async (token: string, caseId: string) =>
  ((await stack.http('GET', `/tasks?caseId=${caseId}`, { token })).body.items[0] as { claimedBy: string | null })
    .claimedBy;

it('lets the holder release a task and a supervisor hand it to a colleague, who completes it', async () => {
  const { caseId, taskId } = await receivingTask();
  // Those who can take the task were told it arrived (and only they: not the clerk).
  const arrived = async (token: string) =>
    (
      (await stack.http('GET', '/notifications?unread=true', { token })).body.items as {
        kind: string;
        taskId: string;
      }[]
    ).filter((n) => n.kind === 'task-arrived' && n.taskId === taskId).length;
  expect(await arrived(tokens.anna)).toBe(1);
  expect(await arrived(tokens.clerk)).toBe(0);
  expect((await stack.http('POST', `/tasks/${taskId}/claim`, { token: tokens.anna })).status).toBe(200);
  expect(await holder(tokens.anna, caseId)).toBe('ta-anna');

  // A colleague who does not hold it and is no supervisor may not release it; the holder may.
  const notYours = await stack.http('POST', `/tasks/${taskId}/release`, { token: tokens.bruno });
  expect(notYours.status).toBe(403);
  const released = await stack.http('POST', `/tasks/${taskId}/release`, { token: tokens.anna });
  expect(released.status).toBe(200);
  expect(released.body).toMatchObject({ taskId, claimedBy: null, caseId });
  expect(await holder(tokens.anna, caseId)).toBeNull();
  // Nothing to release twice.
  const again = await stack.http('POST', `/tasks/${taskId}/release`, { token: tokens.anna });
  expect(again.status).toBe(409);

  // The supervisor sees who may take it: colleagues with a role the task needs, not the clerk.
  const list = await stack.http('GET', `/tasks/${taskId}/assignees`, { token: tokens.sup });
  expect(list.status).toBe(200);
  const subs = (list.body.items as { sub: string }[]).map((p) => p.sub);
  expect(subs).toEqual(expect.arrayContaining(['ta-anna', 'ta-bruno']));
  expect(subs).not.toContain('ta-clerk');
  expect((await stack.http('GET', `/tasks/${taskId}/assignees`, { token: tokens.anna })).status).toBe(403);

  const toClerk = await stack.http('POST', `/tasks/${taskId}/assign`, {
    token: tokens.sup,
    body: { assignee: 'ta-clerk' },
  });
  expect(toClerk.status).toBe(400);
  expect(toClerk.body.fields).toEqual([{ field: 'assignee', reason: expect.stringContaining('caseworker') }]);
  const badBody = await stack.http('POST', `/tasks/${taskId}/assign`, { token: tokens.sup, body: { assignee: '' } });
  expect(badBody.status).toBe(400);
  expect(badBody.body.fields[0].field).toBe('assignee');
  const byCaseworker = await stack.http('POST', `/tasks/${taskId}/assign`, {
    token: tokens.anna,
    body: { assignee: 'ta-bruno' },
  });
  expect(byCaseworker.status).toBe(403);
  // Another agency's supervisor does not even learn the task exists.
  const foreign = await stack.http('POST', `/tasks/${taskId}/assign`, {
    token: tokens.other,
    body: { assignee: 'ta-bruno' },
  });
  expect(foreign.status).toBe(404);

  const key = `assign-${taskId}`;
  const assign = () =>
    stack.http('POST', `/tasks/${taskId}/assign`, {
      token: tokens.sup,
      body: { assignee: 'ta-bruno' },
      headers: { 'idempotency-key': key },
    });
  const first = await assign();
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ taskId, claimedBy: 'ta-bruno' });
  // The same request again changes nothing and answers the same.
  const repeat = await assign();
  expect(repeat.status).toBe(200);
  expect(repeat.body).toEqual(first.body);
  expect(await holder(tokens.bruno, caseId)).toBe('ta-bruno');

  // Anna no longer holds it; Bruno completes it.
  const annaTries = await stack.http('POST', `/tasks/${taskId}/complete`, {
    token: tokens.anna,
    body: { form: { outcome: 'resolved' } },
  });
  expect(annaTries.status).toBe(409);
  const notice = await waitFor('the assignment notice', async () => {
    const res = await stack.http('GET', '/notifications?unread=true', { token: tokens.bruno });
    return (res.body.items as { kind: string; caseId: string; detail: Record<string, unknown> }[]).find(
      (n) => n.kind === 'task-assigned' && n.caseId === caseId,
    );
  });
  expect(notice.detail).toMatchObject({ assignee: 'ta-bruno' });
  const done = await stack.http('POST', `/tasks/${taskId}/complete`, {
    token: tokens.bruno,
    body: { form: { outcome: 'resolved' } },
  });
  expect(done.status).toBe(200);

  const view = await stack.waitForCaseStatus(tokens.anna, caseId, 'completed');
  const kinds = (view.timeline as { kind: string; detail?: Record<string, unknown> }[]).map((e) => e.kind);
  expect(kinds).toEqual(expect.arrayContaining(['task-claimed', 'task-released', 'task-reassigned']));
  expect(kinds.filter((k) => k === 'task-reassigned')).toHaveLength(1);
  const closed = await stack.http('POST', `/tasks/${taskId}/release`, { token: tokens.sup });
  expect(closed.status).toBe(409);
});
