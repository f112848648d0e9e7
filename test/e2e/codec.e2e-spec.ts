import { temporal } from '@temporalio/proto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { resolveBinary } from '@waymark/temporal';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/** `temporal workflow show` of the CLI the e2e dev server runs from, optionally through our codec endpoint. */
async function cliShow(workflowId: string, codec?: { endpoint: string; token: string }): Promise<string> {
  const cli = resolveBinary('temporal', { projectRoot: resolve(__dirname, '../..') });
  if (!cli.path) throw new Error(`the temporal CLI is needed (${cli.installCommand})`);
  const args = [
    'workflow',
    'show',
    '-w',
    workflowId,
    '--address',
    process.env.WAYMARK_E2E_TEMPORAL_ADDRESS!,
    '--output',
    'json',
    '--command-timeout',
    '90s',
  ];
  if (codec) args.push('--codec-endpoint', codec.endpoint, '--codec-auth', `Bearer ${codec.token}`);
  const { stdout } = await promisify(execFile)(cli.path, args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

const CANARY = 'Zorana Canarywood';
const ENCODING = 'binary/waymark-aes256gcm';

interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');

/** Every payload-shaped object ({metadata, data}) in a history serialized as a plain object (bytes as base64). */
function payloadsIn(node: unknown, out: JsonPayload[] = []): JsonPayload[] {
  if (Array.isArray(node)) for (const item of node) payloadsIn(item, out);
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (obj.metadata && typeof obj.metadata === 'object' && 'data' in obj) out.push(obj as unknown as JsonPayload);
    else for (const value of Object.values(obj)) payloadsIn(value, out);
  }
  return out;
}

/**
 * The SDK's own bookkeeping, written by its core in `json/plain` without going through any codec: the metadata of a
 * local activity's marker (sequence, attempt, activity type, times; its result is ours and encrypted), a patch
 * marker's id, and the `TemporalChangeVersion` search attribute listing the patch ids. Set apart from the payloads
 * the case's data travels in, and checked to carry nothing else.
 */
function withoutBookkeeping(plain: unknown): { ours: unknown; bookkeeping: JsonPayload[] } {
  const copy = JSON.parse(JSON.stringify(plain)) as { events?: Record<string, any>[] };
  const bookkeeping: JsonPayload[] = [];
  for (const e of copy.events ?? []) {
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity' && marker.details?.data) {
      bookkeeping.push(...payloadsIn(marker.details.data));
      delete marker.details.data;
    }
    if (marker?.markerName === 'core_patch' && marker.details?.['patch-data']) {
      bookkeeping.push(...payloadsIn(marker.details['patch-data']));
      delete marker.details['patch-data'];
    }
    const version = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (version?.TemporalChangeVersion) {
      bookkeeping.push(...payloadsIn(version.TemporalChangeVersion));
      delete version.TemporalChangeVersion;
    }
  }
  return { ours: copy, bookkeeping };
}

/** Bookkeeping holds only the SDK's own keys: activity types, counters, times and patch ids. */
const BOOKKEEPING_KEYS = new Set([
  'seq',
  'attempt',
  'activity_id',
  'activity_type',
  'complete_time',
  'backoff',
  'original_schedule_time',
  'seconds',
  'nanos',
  'id',
  'deprecated',
]);

function bookkeepingKeys(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) bookkeepingKeys(item, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      out.push(k);
      bookkeepingKeys(v, out);
    }
  return out;
}

/**
 * Personal data inside Temporal: the raw history read with a plain client (no codec) holds no canary in plain text
 * and every payload is ours; an operator decodes it through the codec endpoint; after an erasure nothing decodes,
 * the API answers 410 and the worker carries on with other cases.
 */
describe('payload codec and erasure', () => {
  const stack = new AppStack('codec');
  let connection: Connection;
  let temporalClient: TemporalClient;
  let db: PgClient;
  let tokens: Record<'a' | 'b' | 'operator' | 'dpo' | 'otherDpo' | 'auditor', string>;

  beforeAll(async () => {
    await stack.start();
    connection = await Connection.connect({ address: process.env.WAYMARK_E2E_TEMPORAL_ADDRESS! });
    temporalClient = new TemporalClient({ connection });
    db = new PgClient({ connectionString: process.env.WAYMARK_E2E_DATABASE_URL });
    await db.connect();
    tokens = {
      a: await stack.token('demo-a', ['caseworker'], 'alice'),
      b: await stack.token('demo-b', ['caseworker'], 'bruno'),
      operator: await stack.token('platform-ops', ['operator'], 'olga'),
      dpo: await stack.token('demo-a', ['data-protection-officer'], 'dora'),
      otherDpo: await stack.token('venice-cau', ['data-protection-officer'], 'dario'),
      auditor: await stack.token('demo-a', ['auditor'], 'audrey'),
    };
  });
  afterAll(async () => {
    await db?.end();
    await connection?.close();
    await stack.stop();
  });

  /** Starts a demo hand-off and completes its first step with the canary in the free-text note. */
  async function caseWithCanary(): Promise<{ caseId: string; nextTaskId: string }> {
    const started = await stack.http('POST', '/cases', {
      token: tokens.a,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(started.status).toBe(201);
    const caseId: string = started.body.caseId;
    const review = await stack.waitForTask(tokens.a, 'review-intake', caseId);
    const done = await stack.http('POST', `/tasks/${review.taskId}/complete`, {
      token: tokens.a,
      body: { form: { ready: true, note: `Met ${CANARY} at the station` } },
    });
    expect(done.status).toBe(200);
    const next = await stack.waitForTask(tokens.b, 'record-outcome', caseId);
    return { caseId, nextTaskId: next.taskId };
  }

  async function rawHistory(caseId: string) {
    const history = await temporalClient.workflow.getHandle(`case-${caseId}`).fetchHistory();
    // Two protobufjs copies live in this tree: go through a plain object, as test/replay does.
    const plain = temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, {
      longs: String,
      enums: String,
      bytes: String,
      defaults: false,
    });
    const binary = Buffer.from(
      temporal.api.history.v1.History.encode(temporal.api.history.v1.History.fromObject(plain)).finish(),
    );
    const { ours, bookkeeping } = withoutBookkeeping(plain);
    return { plain, binary, payloads: payloadsIn(ours), bookkeeping };
  }

  const decode = (token: string | undefined, payloads: JsonPayload[]) =>
    stack.http('POST', '/codec/decode', { token, body: { payloads } });

  it('keeps personal data out of the raw history, decodes it for operators only, and erases it for good', async () => {
    const { caseId, nextTaskId } = await caseWithCanary();
    const control = await caseWithCanary();

    // A consent withdrawn with a reason that names the person: free text the erasure must remove.
    const consent = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: tokens.a,
      body: { purpose: 'assistance', scope: ['identity'], form: 'verbal', givenBy: 'person' },
    });
    expect(consent.status).toBe(201);
    const withdrawn = await stack.http(
      'POST',
      `/cases/${caseId}/consents/${consent.body.consentId ?? consent.body.id}/withdraw`,
      {
        token: tokens.a,
        body: { reason: `${CANARY} changed her mind` },
      },
    );
    expect(withdrawn.status).toBeLessThan(300);

    // 1. The raw history, read without the codec: no canary anywhere in its bytes, every payload is ours.
    const raw = await rawHistory(caseId);
    expect(raw.binary.length).toBeGreaterThan(1000);
    expect(raw.binary.includes(Buffer.from('Canarywood'))).toBe(false);
    expect(raw.payloads.length).toBeGreaterThanOrEqual(5);
    // Plain JSON only in the SDK's bookkeeping, and that holds only its own keys (no form value, no name).
    for (const p of raw.bookkeeping) {
      expect(unb64(p.metadata.encoding)).toBe('json/plain');
      const keys = bookkeepingKeys(JSON.parse(unb64(p.data)));
      expect(keys.filter((k) => !BOOKKEEPING_KEYS.has(k))).toEqual([]);
    }
    for (const p of raw.payloads) {
      expect(unb64(p.metadata.encoding)).toBe(ENCODING);
      expect(unb64(p.metadata['waymark-case'])).toBe(caseId);
    }

    // 2. Through the codec endpoint, as an operator: the canary is there (so the check above could have failed).
    const decoded = await decode(tokens.operator, raw.payloads);
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads).toHaveLength(raw.payloads.length);
    const plainText = (decoded.body.payloads as JsonPayload[]).map((p) => unb64(p.data)).join('\n');
    expect(plainText).toContain(CANARY);
    expect((decoded.body.payloads as JsonPayload[]).every((p) => unb64(p.metadata.encoding) !== ENCODING)).toBe(true);
    // The Temporal CLI, through the codec endpoint, shows the canary; without it, only our encrypted payloads.
    const viaCli = payloadsIn(
      JSON.parse(await cliShow(`case-${caseId}`, { endpoint: `${stack.apiUrl}/codec`, token: tokens.operator })),
    );
    expect(viaCli.map((p) => unb64(p.data)).join('\n')).toContain(CANARY);
    const cliRaw = payloadsIn(withoutBookkeeping(JSON.parse(await cliShow(`case-${caseId}`))).ours);
    expect(cliRaw.length).toBeGreaterThanOrEqual(raw.payloads.length);
    for (const p of cliRaw) expect(unb64(p.metadata.encoding)).toBe(ENCODING);
    expect(cliRaw.map((p) => unb64(p.data)).join('\n')).not.toContain('Canarywood');
    // Payloads someone else encoded pass through untouched.
    const foreign = { metadata: { encoding: b64('json/plain') }, data: b64('"hello"') };
    expect((await decode(tokens.operator, [foreign])).body.payloads).toEqual([foreign]);

    // Only operators (or platform admins); a token is required; bad bodies name the field.
    expect((await decode(tokens.a, raw.payloads)).status).toBe(403);
    expect((await decode(undefined, raw.payloads)).status).toBe(401);
    const bad = await stack.http('POST', '/codec/decode', {
      token: tokens.operator,
      body: { payloads: [{ metadata: { encoding: '***' } }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'payloads[0].metadata', reason: 'every value must be base64' }]);

    // The Web UI's preflight from its origin is allowed, with the headers it sends; another origin is not.
    const preflight = (origin: string) =>
      fetch(`${stack.apiUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type,x-namespace',
        },
      });
    const ok = await preflight('http://localhost:8233');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:8233');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();

    // Every decode is in the audit log, with the operator and the case.
    const audit = await stack.http('GET', `/audit?caseId=${caseId}&limit=500`, { token: tokens.auditor });
    expect(audit.status).toBe(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'codec-decode',
        actorSub: 'olga',
        caseId,
        detail: expect.objectContaining({ outcome: 'decoded' }),
      }),
    );

    // 3. Erasure: a reason is required, only a DPO or platform admin of a participating agency may.
    const erase = (token: string, body: unknown) => stack.http('POST', `/cases/${caseId}/erase`, { token, body });
    const noReason = await erase(tokens.dpo, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields.map((f: { field: string }) => f.field)).toContain('reason');
    expect((await erase(tokens.dpo, { reason: '   ' })).status).toBe(400);
    expect((await erase(tokens.a, { reason: 'request of the person' })).status).toBe(403);
    expect((await erase(tokens.otherDpo, { reason: 'request of the person' })).status).toBe(404);
    const erased = await erase(tokens.dpo, { reason: `${CANARY} asked for erasure` });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ caseId, status: 'erased', erasedAt: expect.any(String) });
    expect(JSON.stringify(erased.body)).not.toContain('Canarywood');
    // Idempotent: a repeat answers the same outcome.
    const again = await erase(tokens.dpo, { reason: 'repeat' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(erased.body);

    // 4. The API answers that the case was erased.
    const gone = await stack.http('GET', `/cases/${caseId}`, { token: tokens.a });
    expect(gone.status).toBe(410);
    expect(gone.body.error).toBe('case_erased');
    expect((await stack.http('GET', `/cases/${caseId}/consents`, { token: tokens.a })).status).toBe(410);
    expect(
      (await stack.http('POST', `/cases/${caseId}/cancel`, { token: tokens.a, body: { reason: 'x' } })).status,
    ).toBe(410);
    expect(
      (await stack.http('GET', `/cases/${caseId}`, { token: await stack.token('venice-cau', ['caseworker']) })).status,
    ).toBe(404);
    const completeGone = await stack.http('POST', `/tasks/${nextTaskId}/complete`, {
      token: tokens.b,
      body: { form: { outcome: 'resolved' } },
    });
    expect(completeGone.status).toBe(410);
    for (const status of ['open', 'all']) {
      const inbox = await stack.http('GET', `/tasks?status=${status}&caseId=${caseId}`, { token: tokens.b });
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toEqual([]);
    }

    // 5. Nothing decodes any more: the endpoint hands the payloads back still encrypted.
    const after = await decode(tokens.operator, raw.payloads);
    expect(after.status).toBe(200);
    expect((after.body.payloads as JsonPayload[]).map((p) => unb64(p.data)).join('\n')).not.toContain('Canarywood');
    for (const p of after.body.payloads as JsonPayload[]) expect(unb64(p.metadata.encoding)).toBe(ENCODING);
    const auditAfter = await stack.http('GET', `/audit?caseId=${caseId}&limit=500`, { token: tokens.auditor });
    const actions = auditAfter.body.items as { action: string; detail: Record<string, unknown> }[];
    expect(actions).toContainEqual(expect.objectContaining({ action: 'case-erased', detail: { outcome: 'ok' } }));
    expect(actions).toContainEqual(
      expect.objectContaining({ action: 'codec-decode', detail: expect.objectContaining({ outcome: 'erased' }) }),
    );
    expect(JSON.stringify(auditAfter.body)).not.toContain('Canarywood');

    // The key row is a tombstone, the workflow is terminated, the read model holds no canary.
    const keys = await db.query('SELECT wrapped_key, destroyed_at FROM case_keys WHERE case_id = $1', [caseId]);
    expect(keys.rows).toEqual([{ wrapped_key: null, destroyed_at: expect.any(Date) }]);
    const live = await db.query('SELECT wrapped_key FROM case_keys WHERE case_id = $1', [control.caseId]);
    expect(live.rows[0].wrapped_key).toBeInstanceOf(Buffer);
    expect((await temporalClient.workflow.getHandle(`case-${caseId}`).describe()).status.name).toBe('TERMINATED');
    const readModel = await db.query(
      `SELECT (SELECT json_agg(t) FROM case_timeline t WHERE case_id = $1) AS timeline,
              (SELECT json_agg(c) FROM consents c WHERE case_id = $1) AS consents,
              (SELECT json_agg(n) FROM notifications n WHERE case_id = $1) AS notifications,
              (SELECT row_to_json(k) FROM (SELECT status, erased_at, age_band, gender, nationality FROM cases WHERE id = $1) k) AS kase`,
      [caseId],
    );
    expect(JSON.stringify(readModel.rows[0].timeline)).toContain('task-completed');
    expect(JSON.stringify(readModel.rows[0])).not.toContain('Canarywood');
    expect(readModel.rows[0].kase).toMatchObject({
      status: 'cancelled',
      age_band: null,
      gender: null,
      nationality: null,
    });
    const reason = await db.query('SELECT erasure_reason FROM cases WHERE id = $1', [caseId]);
    expect(reason.rows[0].erasure_reason).toContain('asked for erasure');

    // 6. The worker carries on with other cases: the control case still decodes and runs to its end.
    const finish = await stack.http('POST', `/tasks/${control.nextTaskId}/complete`, {
      token: tokens.b,
      body: { form: { outcome: 'resolved' } },
    });
    expect(finish.status).toBe(200);
    const closed = await stack.waitForCaseStatus(tokens.a, control.caseId, 'completed');
    expect(closed.endState).toBe('resolved');
    const controlRaw = await rawHistory(control.caseId);
    expect(controlRaw.binary.includes(Buffer.from('Canarywood'))).toBe(false);
    const controlDecoded = await decode(tokens.operator, controlRaw.payloads);
    expect((controlDecoded.body.payloads as JsonPayload[]).map((p) => unb64(p.data)).join('\n')).toContain(CANARY);
  });

  it("lets Temporal's Web UI decode in an operator's browser through a codec session cookie, from the UI's origin only", async () => {
    const { caseId } = await caseWithCanary();
    const raw = await rawHistory(caseId);
    // Only an operator opens one; the cookie is HttpOnly, SameSite=Strict and scoped to the codec routes.
    expect((await stack.http('POST', '/codec/session', { token: tokens.a })).status).toBe(403);
    const opened = await stack.http('POST', '/codec/session', { token: tokens.operator });
    expect(opened.status).toBe(201);
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^waymark_codec=[\w-]+\.[\w-]+; Path=\/codec; Max-Age=3600; HttpOnly; SameSite=Strict$/);
    expect(Date.parse(opened.body.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    const uiOrigin: string = opened.body.temporalUiOrigins[0];
    const cookie = setCookie.split(';')[0]!;
    const viaUi = (headers: Record<string, string>) =>
      stack.http('POST', '/codec/decode', {
        body: { payloads: raw.payloads },
        headers: { cookie, 'x-namespace': 'default', ...headers },
      });

    // What the Web UI sends with "Include cross-origin credentials": the cookie and its own origin.
    const decoded = await viaUi({ origin: uiOrigin });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    expect(decoded.headers.get('access-control-allow-credentials')).toBe('true');
    expect((decoded.body.payloads as JsonPayload[]).map((p) => unb64(p.data)).join('\n')).toContain(CANARY);
    const preflight = await fetch(`${stack.apiUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: uiOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace',
      },
    });
    expect([preflight.status, preflight.headers.get('access-control-allow-credentials')]).toEqual([204, 'true']);

    // The web app asks whether this browser holds a session (it cannot read the HttpOnly cookie itself).
    // The question itself needs the web app's bearer token: anonymous callers learn nothing.
    expect((await stack.http('GET', '/codec/session', { headers: { cookie } })).status).toBe(401);
    const status = await stack.http('GET', '/codec/session', { token: tokens.operator, headers: { cookie } });
    expect([status.body.active, status.body.expiresAt]).toEqual([true, opened.body.expiresAt]);
    expect((await stack.http('GET', '/codec/session', { token: tokens.operator })).body.active).toBe(false);

    // Not from elsewhere: another origin, no origin, a forged value, or any other route.
    const elsewhere = await viaUi({ origin: 'http://localhost:1' });
    expect([elsewhere.status, elsewhere.body.error]).toEqual([403, 'forbidden']);
    expect((await viaUi({})).status).toBe(403);
    const [body] = cookie.slice('waymark_codec='.length).split('.');
    const forged = await viaUi({ origin: uiOrigin, cookie: `waymark_codec=${body}.AAAA` });
    expect([forged.status, forged.body.error]).toEqual([401, 'unauthenticated']);
    expect(
      (
        await stack.http('GET', '/codec/session', {
          token: tokens.operator,
          headers: { cookie: `waymark_codec=${body}.AAAA` },
        })
      ).body.active,
    ).toBe(false);
    const otherRoute = await stack.http('GET', `/cases/${caseId}`, { headers: { cookie, origin: uiOrigin } });
    expect(otherRoute.status).toBe(401);

    // Audited: the opening and the decode, under the operator.
    const entries = await db.query(
      `SELECT action, actor_sub FROM audit_log WHERE actor_sub = 'olga' AND action IN ('codec-session-opened', 'codec-decode') AND at > now() - interval '5 minutes'`,
    );
    expect(new Set(entries.rows.map((r: { action: string }) => r.action))).toEqual(
      new Set(['codec-session-opened', 'codec-decode']),
    );

    // Ended from the browser: the cookie is cleared.
    expect((await stack.http('DELETE', '/codec/session')).status).toBe(401);
    const closed = await stack.http('DELETE', '/codec/session', { token: tokens.operator });
    expect([closed.status, closed.headers.get('set-cookie')]).toEqual([
      204,
      'waymark_codec=; Path=/codec; Max-Age=0; HttpOnly; SameSite=Strict',
    ]);
  });

  it("makes another API replica forget an erased case's key at once, not when its cached copy expires", async () => {
    // A second API process, as a second replica behind a load balancer: it decodes (and so caches the key) first.
    const replica = new AppStack('codec-replica');
    try {
      await replica.startApi();
      const { caseId } = await caseWithCanary();
      const raw = await rawHistory(caseId);
      const viaReplica = () =>
        replica.http('POST', '/codec/decode', { token: tokens.operator, body: { payloads: raw.payloads } });
      const before = await viaReplica();
      expect((before.body.payloads as JsonPayload[]).map((p) => unb64(p.data)).join('\n')).toContain(CANARY);

      expect(
        (
          await stack.http('POST', `/cases/${caseId}/erase`, {
            token: tokens.dpo,
            body: { reason: 'request of the person' },
          })
        ).status,
      ).toBe(200);
      // Well inside the 60 s the replica would otherwise keep the key: the erasure's notification reached it.
      const after = await waitFor(
        'the replica to hand back only encrypted payloads',
        async () => {
          const res = await viaReplica();
          return (res.body.payloads as JsonPayload[]).every((p) => unb64(p.metadata.encoding) === ENCODING)
            ? res
            : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      expect((after.body.payloads as JsonPayload[]).map((p) => unb64(p.data)).join('\n')).not.toContain('Canarywood');
    } finally {
      await replica.stop();
    }
  });
});
