import type { CaseStore } from '@waymark/cases';
import type { DataSource } from 'typeorm';
import { openCaseStore } from '../support/case-store';
import { AppStack } from '../support/stack';

const CANARY = 'Zorana Canarywood';

/**
 * An activity still running when its case is erased (its workflow terminated, the redaction committed) must not put
 * data back into the read model. The worker's own read-model store is driven directly, as a late activity would,
 * against the real PostgreSQL as the app's database role.
 */
describe('writes that arrive after an erasure', () => {
  const stack = new AppStack('erasure-race');
  let ds: DataSource;
  let store: CaseStore;

  beforeAll(async () => {
    await stack.start();
    ({ ds, store } = await openCaseStore());
  });
  afterAll(async () => {
    await ds?.destroy();
    await stack.stop();
  });

  it('are dropped: no timeline entry, no compartment data, no completion, no note', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'alice');
    const dpo = await stack.token('demo-a', ['data-protection-officer'], 'dora');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    const caseId = started.body.caseId as string;
    const task = await stack.waitForTask(caseworker, 'review-intake', caseId);
    const erased = await stack.http('POST', `/cases/${caseId}/erase`, {
      token: dpo,
      body: { reason: 'request of the person' },
    });
    expect(erased.status).toBe(200);
    const before = await ds.query('SELECT count(*)::int AS n FROM case_timeline WHERE case_id = $1', [caseId]);

    const actor = { sub: 'alice', agencyId: 'demo-a', roles: ['caseworker'] };
    const at = new Date().toISOString();
    await store.recordTaskCompleted({
      taskId: task.taskId,
      caseId,
      step: 'review-intake',
      actor,
      completedAt: at,
      records: { intake: { note: `Met ${CANARY}` } },
    });
    await store.recordTimeline({ caseId, key: `${caseId}:late-note`, kind: 'decision', at, detail: { note: CANARY } });
    expect(
      await store.recordNote({
        caseId,
        noteId: '00000000-0000-4000-8000-000000000042',
        compartment: 'protection',
        text: CANARY,
        agencyId: 'demo-a',
        actorSub: 'alice',
        recordedAt: at,
      }),
    ).toBe(false);

    const [task1] = await ds.query('SELECT status FROM tasks WHERE id = $1', [task.taskId]);
    expect(task1.status).toBe('cancelled');
    expect(await ds.query('SELECT count(*)::int AS n FROM case_timeline WHERE case_id = $1', [caseId])).toEqual(before);
    const leaked = await ds.query(
      `SELECT (SELECT count(*) FROM case_records WHERE case_id = $1 AND data::text LIKE '%Canarywood%')::int
            + (SELECT count(*) FROM case_timeline WHERE case_id = $1 AND detail::text LIKE '%Canarywood%')::int AS n`,
      [caseId],
    );
    expect(leaked).toEqual([{ n: 0 }]);
  });
});
