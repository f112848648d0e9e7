import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/**
 * Requests that heal and probes that tell: an Idempotency-Key whose request died half-way is taken over once its
 * lease ran out (and answers the case the first attempt recorded, never a second one); `GET /cases?idempotencyKey=`
 * finds it; `/health/ready` follows the worker's heartbeat while `/health/live` and `/health` stay as they are.
 */
describe('healing requests and health probes', () => {
  const stack = new AppStack('healing');
  const db = new Client({ connectionString: process.env.WAYMARK_E2E_OWNER_DATABASE_URL });
  let token: string;
  const body = { sop: 'demo-handoff', input: { channel: 'referral' } };
  const hash = createHash('sha256')
    .update(`POST /cases\n${JSON.stringify(body)}`)
    .digest('hex');

  beforeAll(async () => {
    await Promise.all([stack.start(), db.connect()]);
    token = await stack.token('demo-a', ['caseworker'], 'alice');
  });
  afterAll(async () => {
    await db.end();
    await stack.stop();
  });

  /** A first attempt that recorded its case id and then died: its key is in progress, with the lease given. */
  async function diedHalfWay(key: string, leaseSeconds: number): Promise<string> {
    const caseId = randomUUID();
    await db.query(
      `INSERT INTO idempotency_keys (agency_id, key, request_hash, leased_until, resource_id)
       VALUES ('demo-a', $1, $2, now() + make_interval(secs => $3), $4)`,
      [key, hash, leaseSeconds, caseId],
    );
    return caseId;
  }

  const post = (key: string) => stack.http('POST', '/cases', { token, body, headers: { 'Idempotency-Key': key } });

  it('answers 409 with Retry-After while the lease runs, then takes the key over and answers the recorded case', async () => {
    const key = `heal-${randomUUID()}`;
    const recorded = await diedHalfWay(key, 30);
    const early = await post(key);
    expect([early.status, early.body.error]).toEqual([409, 'request_in_progress']);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing answers it yet: the case was never started.
    const none = await stack.http('GET', `/cases?idempotencyKey=${key}`, { token });
    expect([none.status, none.body.items]).toEqual([200, []]);

    await db.query(`UPDATE idempotency_keys SET leased_until = now() - interval '1 second' WHERE key = $1`, [key]);
    const healed = await post(key);
    expect([healed.status, healed.body.caseId]).toEqual([201, recorded]);
    await stack.waitForTask(token, 'review-intake', recorded);
    const again = await post(key);
    expect([again.status, again.body.caseId, again.headers.get('idempotent-replayed')]).toEqual([
      201,
      recorded,
      'true',
    ]);
    const found = await stack.http('GET', `/cases?idempotencyKey=${key}`, { token });
    expect(found.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([recorded]);
    // Another agency's key space is its own: demo-b finds nothing under demo-a's key.
    const other = await stack.http('GET', `/cases?idempotencyKey=${key}`, {
      token: await stack.token('demo-b', ['caseworker'], 'bruno'),
    });
    expect(other.body.items).toEqual([]);
  });

  it('refuses a malformed idempotencyKey query naming the field', async () => {
    const res = await stack.http('GET', `/cases?idempotencyKey=${encodeURIComponent('bad key!')}`, { token });
    expect([res.status, res.body.fields?.[0]?.field]).toEqual([400, 'idempotencyKey']);
  });

  it('reports the worker in /health/ready, keeps /health/live and /health as they were', async () => {
    const ready = await stack.http('GET', '/health/ready');
    expect([ready.status, ready.body.checks]).toEqual([200, { postgres: 'up', temporal: 'up', worker: 'up' }]);
    expect((await stack.http('GET', '/health/live')).status).toBe(200);

    // A clean stop removes the worker's heartbeat: ready says which check is down, the others do not care.
    await stack.killWorker('SIGTERM');
    const down = await waitFor(
      'ready to report the worker down',
      async () => {
        const r = await stack.http('GET', '/health/ready');
        return r.status === 503 ? r : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect([down.body.checks.worker, down.body.message, down.headers.get('retry-after')]).toEqual([
      'down',
      'worker is down',
      '5',
    ]);
    expect((await stack.http('GET', '/health')).status).toBe(200);
    expect((await stack.http('GET', '/health/live')).status).toBe(200);

    await stack.startWorker();
    expect((await stack.http('GET', '/health/ready')).status).toBe(200);
  });
});
