import { verifySignature } from '@waymark/notifications';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';
type PrometheusFamily = { name: string; type: string; metrics: { labels?: Record<string, string>; value?: string }[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus: (text: string) => PrometheusFamily[] = require('parse-prometheus-text-format');

interface Delivery {
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * Deadlines that really fire: with second-long targets, a reminder reaches the caseworkers, the breach escalates to
 * the agency's supervisors (in-app and by signed webhook), a supervisor extends the deadline, and the dashboard and
 * /metrics report the breach.
 */
describe('deadlines, notifications, webhooks and metrics', () => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-deadlines-'));
  const timelinessFile = join(dir, 'timeliness.json');
  writeFileSync(
    timelinessFile,
    JSON.stringify({
      reminderShare: 0.5,
      targets: [{ sop: 'demo-handoff', step: 'review-intake', agency: 'demo-a', target: 'PT3S' }],
    }),
  );
  // The receiver listens on loopback, which webhooks may reach only with the explicit local-trial switch.
  const stack = new AppStack('deadlines', { TIMELINESS_FILE: timelinessFile, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  const deliveries: Delivery[] = [];
  let receiver: Server;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        // The first delivery fails once, so the retry path and the delivery log are exercised too.
        const status = deliveries.length === 0 ? 503 : 204;
        deliveries.push({ headers: req.headers, body });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const address = receiver.address();
    receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await new Promise((r) => receiver.close(r));
  });

  it('reminds, escalates to the supervisor, delivers signed webhooks and reports the breach', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'alice');
    const supervisor = await stack.token('demo-a', ['supervisor'], 'sara');
    const manager = await stack.token('demo-a', ['manager'], 'mona');

    const hook = await stack.http('POST', '/webhooks', { token: manager, body: { url: receiverUrl } });
    expect(hook.status).toBe(201);
    expect(hook.body.secret).toEqual(expect.any(String));
    const badHook = await stack.http('POST', '/webhooks', { token: caseworker, body: { url: receiverUrl } });
    expect(badHook.status).toBe(403);

    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'phone' } },
    });
    const caseId = started.body.caseId;
    const task = await stack.waitForTask(caseworker, 'review-intake', caseId);

    const reminder = await waitFor('a reminder for the caseworker', async () => {
      const res = await stack.http('GET', '/notifications?unread=true', { token: caseworker });
      return res.body.items.find((n: { kind: string; caseId: string }) => n.kind === 'reminder' && n.caseId === caseId);
    });
    expect(reminder).toMatchObject({ step: 'review-intake', taskId: task.taskId, read: false });
    expect(Object.keys(reminder.detail)).toEqual(['dueAt']);

    const escalation = await waitFor('an escalation for the supervisor', async () => {
      const res = await stack.http('GET', '/notifications', { token: supervisor });
      return res.body.items.find(
        (n: { kind: string; caseId: string }) => n.kind === 'escalation' && n.caseId === caseId,
      );
    });
    expect(escalation.step).toBe('review-intake');
    // The caseworker is reminded but escalations go to supervisors only.
    const own = await stack.http('GET', '/notifications', { token: caseworker });
    expect(own.body.items.some((n: { kind: string }) => n.kind === 'escalation')).toBe(false);
    const read = await stack.http('POST', `/notifications/${escalation.id}/read`, { token: supervisor });
    expect(read.status).toBe(200);
    const unread = await stack.http('GET', '/notifications?unread=true', { token: supervisor });
    expect(unread.body.items.map((n: { id: string }) => n.id)).not.toContain(escalation.id);

    const kase = await stack.http('GET', `/cases/${caseId}`, { token: caseworker });
    expect(kase.body.escalations).toEqual([expect.objectContaining({ step: 'review-intake', resolvedAt: null })]);
    expect(kase.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['task-reminder', 'task-escalated']),
    );

    const dueAt = new Date(Date.now() + 3600_000).toISOString();
    const notAllowed = await stack.http('POST', `/tasks/${task.taskId}/extend`, {
      token: caseworker,
      body: { dueAt, reason: 'more time' },
    });
    expect(notAllowed.status).toBe(403);
    const extended = await stack.http('POST', `/tasks/${task.taskId}/extend`, {
      token: supervisor,
      body: { dueAt, reason: 'interpreter' },
    });
    expect(extended.body).toMatchObject({ taskId: task.taskId });
    expect(extended.status).toBe(200);
    const afterExtension = await waitFor('the escalation resolved', async () => {
      const res = await stack.http('GET', `/cases/${caseId}`, { token: caseworker });
      return res.body.escalations[0]?.resolution === 'deadline-extended' ? res.body : undefined;
    });
    expect(afterExtension.openTasks[0].dueAt).toBe(dueAt);

    // Webhooks: signed, retried after a failure, logged.
    const webhookSecret: string = hook.body.secret;
    const delivered = await waitFor(
      'two webhook notifications delivered',
      async () => {
        const ok = deliveries.slice(1);
        return ok.length >= 2 ? ok : undefined;
      },
      { timeoutMs: 30_000 },
    );
    for (const d of delivered) {
      const signature = String(d.headers['x-waymark-signature']);
      expect(verifySignature(webhookSecret, String(d.headers['x-waymark-timestamp']), d.body, signature)).toBe(true);
      const payload = JSON.parse(d.body);
      expect(Object.keys(payload).sort()).toEqual([
        'caseId',
        'createdAt',
        'detail',
        'id',
        'kind',
        'sop',
        'step',
        'taskId',
      ]);
    }
    const retried = await waitFor(
      'the failed delivery retried and delivered',
      async () => {
        const log = await stack.http('GET', `/webhooks/${hook.body.id}/deliveries`, { token: manager });
        return log.body.items.find(
          (d: { attempts: number; status: string }) => d.attempts >= 2 && d.status === 'delivered',
        );
      },
      { timeoutMs: 30_000 },
    );
    // Success or failure only: the receiver's 503 is not told back (the delivery log is no port-scan oracle).
    expect(retried.log[0]).toEqual({ attempt: 1, at: expect.any(String), outcome: 'failure' });
    expect(retried.log.at(-1)).toMatchObject({ outcome: 'success' });
    expect(Object.keys(retried).sort()).toEqual([
      'attempts',
      'createdAt',
      'deliveredAt',
      'id',
      'log',
      'notificationId',
      'status',
    ]);

    // The dashboard and /metrics report the breach.
    const dashboard = await stack.http('GET', '/timeliness?sop=demo-handoff', { token: manager });
    expect(dashboard.status).toBe(200);
    const text = JSON.stringify(dashboard.body);
    expect(text).toContain('review-intake');
    // /metrics needs a token: none is 401, an operator's is enough.
    expect((await fetch(`${stack.apiUrl}/metrics`)).status).toBe(401);
    const operator = await stack.token('platform-ops', ['operator'], 'olga');
    const metrics = await fetch(`${stack.apiUrl}/metrics`, { headers: { authorization: `Bearer ${operator}` } });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const families = parsePrometheus(await metrics.text());
    const byName = new Map(families.map((f) => [f.name, f]));
    const escalations = byName.get('waymark_escalations_total');
    expect(escalations?.type).toBe('COUNTER');
    expect(escalations?.metrics).toEqual(
      expect.arrayContaining([expect.objectContaining({ labels: { sop: 'demo-handoff', step: 'review-intake' } })]),
    );
    expect(byName.get('waymark_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(byName.get('waymark_open_tasks_overdue')?.type).toBe('GAUGE');
    expect(byName.has('waymark_task_duration_seconds')).toBe(true);
  });

  it('a deadline from the case data that has passed: overdue in the inbox and the overdue list, escalated, and a later date refused', async () => {
    const a = await stack.token('demo-a', ['caseworker'], 'ada');
    const b = await stack.token('demo-b', ['caseworker'], 'ben');
    const bSupervisor = await stack.token('demo-b', ['supervisor'], 'bea');
    const started = await stack.http('POST', '/cases', {
      token: a,
      body: { sop: 'demo-handoff', input: { channel: 'walk-in' } },
    });
    const caseId: string = started.body.caseId;
    const review = await stack.waitForTask(a, 'review-intake', caseId);
    // Agency A asked for an outcome by a minute ago: the deadline has already passed when the step opens.
    const respondBy = new Date(Date.now() - 60_000).toISOString();
    const handed = await stack.http('POST', `/tasks/${review.taskId}/complete`, {
      token: a,
      body: { form: { ready: true, respondBy } },
    });
    expect(handed.status).toBe(200);
    const outcome = await stack.waitForTask(b, 'record-outcome', caseId);
    expect(outcome).toMatchObject({ deadline: { id: 'respond-by', at: respondBy }, overdue: true });

    const overdue = await stack.http('GET', '/tasks/overdue?sop=demo-handoff', { token: bSupervisor });
    expect(overdue.body.items.map((t: { taskId: string }) => t.taskId)).toContain(outcome.taskId);
    const escalation = await waitFor("an escalation of the deadline for demo-b's supervisor", async () => {
      const res = await stack.http('GET', '/notifications', { token: bSupervisor });
      return res.body.items.find(
        (n: { kind: string; caseId: string; detail: { dataDeadline?: string } }) =>
          n.kind === 'escalation' && n.caseId === caseId && n.detail.dataDeadline === 'respond-by',
      );
    });
    expect(escalation).toMatchObject({ step: 'record-outcome', taskId: outcome.taskId, detail: { dueAt: respondBy } });

    const late = await stack.http('POST', `/tasks/${outcome.taskId}/complete`, {
      token: b,
      body: { form: { outcome: 'resolved', decidedOn: new Date(Date.now() + 3600_000).toISOString() } },
    });
    expect(late.status).toBe(400);
    expect(late.body.fields).toEqual([
      { field: 'form.decidedOn', reason: 'must not be after the date agency A asked for (deadline respond-by)' },
    ]);
    const inTime = await stack.http('POST', `/tasks/${outcome.taskId}/complete`, {
      token: b,
      body: { form: { outcome: 'resolved', decidedOn: new Date(Date.parse(respondBy) - 60_000).toISOString() } },
    });
    expect(inTime.status).toBe(200);
    const closed = await stack.waitForCaseStatus(a, caseId, 'completed');
    expect(closed.dataDeadlines).toEqual([
      { id: 'respond-by', label: 'date agency A asked for', at: respondBy, steps: ['record-outcome'] },
    ]);
    expect(closed.escalations.filter((e: { step: string }) => e.step === 'record-outcome')).toEqual([
      expect.objectContaining({ resolution: 'step-completed' }),
    ]);
  });
});
