import { Client } from 'pg';
import { AppStack } from '../support/stack';

interface AuditItem {
  id: string;
  action: string;
  actorSub: string | null;
  agencyId: string | null;
  caseId: string | null;
  compartment: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

/**
 * The hash-chained audit log through the real API and worker. Other e2e files append to the same table at the same
 * time; only this file calls verify, and its tamper step (which leaves the chain broken for the rest of the run)
 * comes last.
 */
describe('audit log', () => {
  const stack = new AppStack('audit');
  let tokenA: string;
  let tokenB: string;
  let auditorA: string;
  let caseId: string;
  let startRequestId: string;
  let completeRequestId: string;

  beforeAll(async () => {
    await stack.start();
    tokenA = await stack.token('demo-a', ['caseworker'], 'alice');
    tokenB = await stack.token('demo-b', ['caseworker'], 'bruno');
    auditorA = await stack.token('demo-a', ['auditor'], 'audrey');
  });
  afterAll(() => stack.stop());

  async function auditOf(id: string, token = auditorA): Promise<AuditItem[]> {
    const res = await stack.http('GET', `/audit?caseId=${id}`, { token });
    expect(res.status).toBe(200);
    return res.body.items;
  }

  it('records API requests and workflow writes of a case, with request ids', async () => {
    startRequestId = `audit-e2e-start-${Date.now()}`;
    const started = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
      headers: { 'X-Request-Id': startRequestId },
    });
    expect(started.status).toBe(201);
    caseId = started.body.caseId;
    const first = await stack.waitForTask(tokenA, 'review-intake', caseId);
    const done = await stack.http('POST', `/tasks/${first.taskId}/complete`, {
      token: tokenA,
      body: { form: { ready: true } },
    });
    expect(done.status).toBe(200);
    completeRequestId = done.headers.get('x-request-id')!;
    const second = await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const finish = await stack.http('POST', `/tasks/${second.taskId}/complete`, {
      token: tokenB,
      body: { form: { outcome: 'resolved' } },
    });
    expect(finish.status).toBe(200);
    await stack.waitForCaseStatus(tokenA, caseId, 'completed');

    const items = await auditOf(caseId);
    const start = items.find((e) => e.action === 'api:POST /cases');
    expect(start).toMatchObject({
      actorSub: 'alice',
      agencyId: 'demo-a',
      caseId,
      requestId: startRequestId,
      detail: { outcome: 'ok' },
    });
    expect(items).toContainEqual(
      expect.objectContaining({
        action: 'api:POST /tasks/:id/complete',
        actorSub: 'alice',
        caseId,
        requestId: completeRequestId,
      }),
    );
    // Reads and writes name the compartments they touched: the case view showed demo-a its intake (and protection,
    // which the demo SOP lets every participant read); the completion wrote the first step's values to intake.
    expect(items).toContainEqual(
      expect.objectContaining({ action: 'api:GET /cases/:id', caseId, compartment: expect.stringContaining('intake') }),
    );
    expect(items).toContainEqual(expect.objectContaining({ action: 'workflow:task-completed', compartment: 'intake' }));
    for (const e of items.filter((i) => i.action.startsWith('api:'))) expect(e.requestId).toBeTruthy();

    const workflow = items.filter((e) => e.action.startsWith('workflow:')).map((e) => e.action);
    // Each fact once, however often an activity was retried or the API and the workflow both wrote it.
    expect(workflow.sort()).toEqual(
      [
        'workflow:case-completed',
        'workflow:case-opened',
        'workflow:task-completed',
        'workflow:task-completed',
        'workflow:task-opened',
        'workflow:task-opened',
      ].sort(),
    );
    expect(
      items
        .filter((e) => e.action === 'workflow:task-completed')
        .map((e) => e.actorSub)
        .sort(),
    ).toEqual(['alice', 'bruno']);
    // Ids, codes and action names only: nothing from the intake or the forms.
    expect(JSON.stringify(items)).not.toContain('referral');
    const ids = items.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it('shows a case only to auditors, managers and supervisors of a participating agency', async () => {
    const supervisorB = await stack.token('demo-b', ['supervisor']);
    expect((await auditOf(caseId, supervisorB)).length).toBeGreaterThan(0);
    const caseworker = await stack.http('GET', `/audit?caseId=${caseId}`, { token: tokenA });
    expect(caseworker.status).toBe(403);
    const outsider = await stack.http('GET', `/audit?caseId=${caseId}`, {
      token: await stack.token('demo-c', ['auditor']),
    });
    expect(outsider.status).toBe(404);
    const bad = await stack.http('GET', '/audit?caseId=nope', { token: auditorA });
    expect(bad.status).toBe(400);
    const limited = await stack.http('GET', `/audit?caseId=${caseId}&limit=2`, { token: auditorA });
    expect(limited.body.items).toHaveLength(2);
  });

  it('verifies the chain for auditors and managers only', async () => {
    const res = await stack.http('GET', '/audit/verify', { token: auditorA });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.rows).toBeGreaterThan(5);
    const manager = await stack.http('GET', '/audit/verify', { token: await stack.token('demo-a', ['manager']) });
    expect(manager.status).toBe(200);
    const supervisor = await stack.http('GET', '/audit/verify', { token: await stack.token('demo-a', ['supervisor']) });
    expect(supervisor.status).toBe(403);
  });

  it("denies the application's own database role any change to audit rows or to the trigger", async () => {
    const [target] = await auditOf(caseId);
    // The API and worker of this run connect with this URL: the non-owner role `waymark_app`.
    const app = new Client({ connectionString: process.env.WAYMARK_E2E_DATABASE_URL });
    await app.connect();
    try {
      expect((await app.query('SELECT current_user AS u')).rows[0].u).toBe('waymark_app');
      await expect(app.query(`UPDATE audit_log SET action = 'x' WHERE id = $1`, [target.id])).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query(`DELETE FROM audit_log WHERE id = $1`, [target.id])).rejects.toThrow(/permission denied/);
      await expect(app.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
      // Nor to the chain's links, which the application only adds.
      await expect(app.query(`UPDATE audit_chain SET hash = 'x' WHERE audit_id = $1`, [target.id])).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query(`DELETE FROM audit_chain WHERE audit_id = $1`, [target.id])).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only')).rejects.toThrow(
        /must be owner/,
      );
      expect((await app.query('SELECT count(*)::int AS n FROM audit_log WHERE id = $1', [target.id])).rows[0].n).toBe(
        1,
      );
    } finally {
      await app.end();
    }
  });

  it('names an entry written beside the chain, with no link and no pending mark', async () => {
    const db = new Client({ connectionString: process.env.WAYMARK_E2E_OWNER_DATABASE_URL });
    await db.connect();
    let forged: string;
    try {
      forged = String(
        (await db.query(`INSERT INTO audit_log (at, action, detail) VALUES (now(), 'forged', '{}') RETURNING id`))
          .rows[0].id,
      );
    } finally {
      await db.end();
    }
    const res = await stack.http('GET', '/audit/verify', { token: auditorA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, brokenAt: forged });
    expect(res.body.reason).toMatch(/no link/);
  });

  // Last in this file: it leaves the chain broken for the rest of the run (no other file calls verify).
  it('refuses UPDATE and DELETE, and verify names a row altered behind the trigger', async () => {
    const items = await auditOf(caseId);
    const target = items.find((e) => e.action === 'api:POST /cases')!;
    // The schema owner, a superuser here: the trigger still refuses, until it is switched off.
    const db = new Client({ connectionString: process.env.WAYMARK_E2E_OWNER_DATABASE_URL });
    await db.connect();
    try {
      await expect(
        db.query(`UPDATE audit_log SET action = 'api:GET /nothing' WHERE id = $1`, [target.id]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [target.id])).rejects.toThrow(/append-only/);
      // Refused by the trigger, or first by the chain that references every row.
      await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only|foreign key/);
      await expect(db.query(`TRUNCATE audit_log CASCADE`)).rejects.toThrow(/append-only/);

      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      try {
        const changed = await db.query(`UPDATE audit_log SET action = 'api:GET /nothing' WHERE id = $1`, [target.id]);
        expect(changed.rowCount).toBe(1);
      } finally {
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      }
    } finally {
      await db.end();
    }

    const res = await stack.http('GET', '/audit/verify', { token: auditorA });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, brokenAt: target.id });
    expect(res.body.reason).toMatch(/hash/);
  });
});
