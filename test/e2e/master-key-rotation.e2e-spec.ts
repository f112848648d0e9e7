import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { unwrapDataKey } from '../../libs/codec/src/keyring';
import { AppStack } from '../support/stack';

const ROOT = resolve(__dirname, '../..');
const run = promisify(execFile);

/**
 * Master-key rotation on a database of its own (rewrapping the shared e2e database would pull the key from under
 * the other test files' processes): a case opened under key 1, the API and worker moved to key 2 with key 1 as the
 * previous key, `npm run rotate-master-key`, then key 2 alone: the case's history still decodes and it completes.
 */
describe('master-key rotation', () => {
  const key1 = randomBytes(32);
  const key2 = randomBytes(32);
  const b64 = (k: Buffer) => k.toString('base64');
  const dbName = `waymark_rotation_${process.pid}`;
  let dbUrl: string;
  let stack: AppStack;

  async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    try {
      return (await c.query(query, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  async function rotate(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'dist/scripts/rotate-master-key.js')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: dbUrl,
          TEMPORAL_ADDRESS: process.env.WAYMARK_E2E_TEMPORAL_ADDRESS,
          WAYMARK_DATA_DIR: mkdtempSync(join(tmpdir(), 'waymark-rotation-')),
          ...env,
        },
      });
      return { code: 0, out: stdout + stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  beforeAll(async () => {
    const owner = process.env.WAYMARK_E2E_OWNER_DATABASE_URL!;
    const admin = new Client({ connectionString: owner });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(owner);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
    // The built modules, as the e2e global setup uses them: the migrations are loaded from dist.
    const { runMigrations, withDataSource } = (await import(
      join(ROOT, 'dist/libs/database/src')
    )) as typeof import('@waymark/database');
    const { seedDefaultAgencies } = (await import(
      join(ROOT, 'dist/libs/agencies/src')
    )) as typeof import('@waymark/agencies');
    const { SOPS } = (await import(join(ROOT, 'dist/workflows/sops'))) as typeof import('@waymark/workflows/sops');
    await runMigrations(dbUrl);
    await withDataSource(dbUrl, (ds) => seedDefaultAgencies(ds, SOPS));
    stack = new AppStack('master-key-rotation', { DATABASE_URL: dbUrl, WAYMARK_MASTER_KEY: b64(key1) });
    await stack.start();
  });
  afterAll(() => stack?.stop());

  it('rewraps every data key, resumes idempotently, and the case runs on under the new key alone', async () => {
    const tokenA = await stack.token('demo-a', ['caseworker'], 'alice');
    const tokenB = await stack.token('demo-b', ['caseworker'], 'bruno');
    const started = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const first = await stack.waitForTask(tokenA, 'review-intake', caseId);
    expect(
      (await stack.http('POST', `/tasks/${first.taskId}/complete`, { token: tokenA, body: { form: { ready: true } } }))
        .status,
    ).toBe(200);
    await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const live = await sql<{ case_id: string; wrapped_key: Buffer }>(
      'SELECT case_id, wrapped_key FROM case_keys WHERE wrapped_key IS NOT NULL',
    );
    expect(live.map((r) => r.case_id)).toContain(caseId);

    // Keys that open none of the rows: refused with exit 1, nothing changed.
    const wrong = await rotate({
      WAYMARK_MASTER_KEY: b64(randomBytes(32)),
      WAYMARK_PREVIOUS_MASTER_KEYS: b64(randomBytes(32)),
    });
    expect([wrong.code, wrong.out]).toEqual([1, expect.stringContaining(`${live.length} unreadable`)]);
    expect(wrong.out).not.toContain(b64(key1));
    expect(await sql('SELECT case_id, wrapped_key FROM case_keys WHERE wrapped_key IS NOT NULL')).toEqual(live);

    // Step 1: the processes run with key 2 and accept key 1 meanwhile; the case goes on.
    await stack.stopProcesses();
    Object.assign(stack.env, { WAYMARK_MASTER_KEY: b64(key2), WAYMARK_PREVIOUS_MASTER_KEYS: b64(key1) });
    await stack.start();
    expect((await stack.http('GET', `/cases/${caseId}`, { token: tokenA })).status).toBe(200);

    // Step 2: the rotation itself, then a repeat that finds nothing left to do.
    const env = { WAYMARK_MASTER_KEY: b64(key2), WAYMARK_PREVIOUS_MASTER_KEYS: b64(key1) };
    const done = await rotate(env);
    expect([done.code, done.out]).toEqual([
      0,
      expect.stringContaining(`${live.length} live data keys: ${live.length} rewrapped`),
    ]);
    const again = await rotate(env);
    expect(again.out).toContain(`0 rewrapped, ${live.length} already under the new key`);
    const after = await sql<{ case_id: string; wrapped_key: Buffer }>(
      'SELECT case_id, wrapped_key FROM case_keys WHERE wrapped_key IS NOT NULL',
    );
    for (const row of after) {
      expect(unwrapDataKey({ current: key2, previous: [] }, row.case_id, row.wrapped_key).index).toBe(0);
      expect(() => unwrapDataKey({ current: key1, previous: [] }, row.case_id, row.wrapped_key)).toThrow(/master key/);
      // The data key itself is the same, so no Temporal payload needed rewriting.
      const before = live.find((r) => r.case_id === row.case_id)!;
      expect(unwrapDataKey({ current: key2, previous: [] }, row.case_id, row.wrapped_key).key).toEqual(
        unwrapDataKey({ current: key1, previous: [] }, row.case_id, before.wrapped_key).key,
      );
    }
    const audit = await sql<{ detail: Record<string, number> }>(
      "SELECT detail FROM audit_log WHERE action = 'master-key-rotated' ORDER BY at",
    );
    expect(audit.map((a) => a.detail.rewrapped)).toEqual([0, live.length, 0]);

    // Step 3: key 2 alone. A fresh worker replays the case's history (every payload decoded) and finishes it.
    await stack.stopProcesses();
    delete stack.env.WAYMARK_PREVIOUS_MASTER_KEYS;
    await stack.start();
    const second = await stack.waitForTask(tokenB, 'record-outcome', caseId);
    const finish = await stack.http('POST', `/tasks/${second.taskId}/complete`, {
      token: tokenB,
      body: { form: { outcome: 'resolved' } },
    });
    expect(finish.status).toBe(200);
    expect((await stack.waitForCaseStatus(tokenA, caseId, 'completed')).endState).toBe('resolved');
    const verify = await stack.http('GET', '/audit/verify', { token: await stack.token('demo-a', ['auditor'], 'aud') });
    expect(verify.body).toMatchObject({ ok: true });
  });
});
