import type { CaseStore } from '@waymark/cases';
import type { CompleteTaskRecordInput, OpenTaskInput } from '@waymark/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openCaseStore } from '../support/case-store';
import { AppStack } from '../support/stack';

/**
 * A hand-off's one write (decision 0012): the completion and the next task commit together or not at all, and a
 * retry, or a completion already written alone, writes nothing twice. The worker's own read-model store is driven
 * directly, as the local activity runs it, against the real PostgreSQL as the app's database role.
 */
describe('the hand-off write', () => {
  const stack = new AppStack('hand-off-writes');
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

  const actor = { sub: 'alice', agencyId: 'demo-a', roles: ['caseworker'] };

  async function openCase() {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'alice');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    const caseId = started.body.caseId as string;
    const task = await stack.waitForTask(caseworker, 'review-intake', caseId);
    const [row] = await ds.query('SELECT workflow_id FROM cases WHERE id = $1', [caseId]);
    return { caseId, taskId: task.taskId as string, workflowId: row.workflow_id as string };
  }

  function completion(caseId: string, taskId: string): CompleteTaskRecordInput {
    return { taskId, caseId, step: 'review-intake', actor, completedAt: new Date().toISOString() };
  }

  function nextTask(caseId: string, workflowId: string, taskId: string = randomUUID()): OpenTaskInput {
    return {
      taskId,
      caseId,
      workflowId,
      sop: 'demo-handoff',
      step: 'record-outcome',
      title: 'Record the outcome',
      agencyId: 'demo-b',
      roles: ['caseworker'],
      openedAt: new Date().toISOString(),
    };
  }

  const counts = async (caseId: string) => {
    const [row] = await ds.query(
      `SELECT (SELECT count(*) FROM case_timeline WHERE case_id = $1 AND kind = 'task-completed')::int AS completed,
              (SELECT count(*) FROM case_timeline WHERE case_id = $1 AND kind = 'task-opened')::int AS opened,
              (SELECT count(*) FROM audit_log WHERE case_id = $1 AND action = 'workflow:task-completed')::int AS audited,
              (SELECT count(*) FROM tasks WHERE case_id = $1 AND status = 'open')::int AS open`,
      [caseId],
    );
    return row as { completed: number; opened: number; audited: number; open: number };
  };

  it('commits the completion and the next task together, and a retry writes nothing twice', async () => {
    const { caseId, taskId, workflowId } = await openCase();
    const next = nextTask(caseId, workflowId);
    const write = { completed: [completion(caseId, taskId)], then: { openTask: next } };
    await store.recordHandOff(write);
    const statuses = await ds.query('SELECT id, status FROM tasks WHERE case_id = $1 ORDER BY opened_at', [caseId]);
    expect(statuses).toEqual([
      { id: taskId, status: 'completed' },
      { id: next.taskId, status: 'open' },
    ]);
    expect(await counts(caseId)).toEqual({ completed: 1, opened: 2, audited: 1, open: 1 });

    await store.recordHandOff(write);
    expect(await counts(caseId)).toEqual({ completed: 1, opened: 2, audited: 1, open: 1 });
  });

  it('writes neither when the next task cannot be written', async () => {
    const { caseId, taskId, workflowId } = await openCase();
    const before = await counts(caseId);
    await expect(
      store.recordHandOff({
        completed: [completion(caseId, taskId)],
        // Not a uuid: PostgreSQL refuses the task row, after the completion's statements ran.
        then: { openTask: nextTask(caseId, workflowId, 'not-a-uuid') },
      }),
    ).rejects.toThrow();
    expect(await counts(caseId)).toEqual(before);
    const [task] = await ds.query('SELECT status FROM tasks WHERE id = $1', [taskId]);
    expect(task.status).toBe('open');
  });

  it('finds a completion written alone before and audits it once', async () => {
    const { caseId, taskId, workflowId } = await openCase();
    const done = completion(caseId, taskId);
    await store.recordTaskCompleted(done);
    await store.recordHandOff({ completed: [done], then: { openTask: nextTask(caseId, workflowId) } });
    expect(await counts(caseId)).toEqual({ completed: 1, opened: 2, audited: 1, open: 1 });
  });

  it("writes a case's opening with its first task, once", async () => {
    const caseId = randomUUID();
    const workflowId = `case-${caseId}`;
    const write = {
      opened: {
        caseId,
        sop: 'demo-handoff',
        sopVersion: 1,
        workflowId,
        participants: { a: 'demo-a', b: 'demo-b' },
        openedBy: actor,
        openedAt: new Date().toISOString(),
      },
      completed: [],
      then: { openTask: { ...nextTask(caseId, workflowId), step: 'review-intake', agencyId: 'demo-a' } },
    };
    await store.recordHandOff(write);
    await store.recordHandOff(write);
    const [row] = await ds.query(
      `SELECT (SELECT status FROM cases WHERE id = $1) AS status,
              (SELECT count(*) FROM case_timeline WHERE case_id = $1 AND kind = 'case-opened')::int AS opened,
              (SELECT count(*) FROM audit_log WHERE case_id = $1 AND action = 'workflow:case-opened')::int AS audited`,
      [caseId],
    );
    expect(row).toEqual({ status: 'open', opened: 1, audited: 1 });
    expect(await counts(caseId)).toEqual({ completed: 0, opened: 1, audited: 0, open: 1 });
  });
});
