import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  assignTaskUpdate,
  cancelCaseUpdate,
  caseStateQuery,
  changeParticipantUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  extendDeadlineUpdate,
  type Actor,
  type CaseActivities,
  type CaseStartInput,
  type ChangeParticipantInput,
  type OpenTaskInput,
  type ParticipantChangedInput,
  type TaskAssignedRecordInput,
} from '@waymark/contracts';
import { recordingActivities as sharedRecorder } from '../../test/support/recording-activities';
import {
  createTestWorker,
  createTimeSkippingEnv,
  saveHistoryIfRecording,
  uniqueTaskQueue,
} from '../../test/support/workflow-env';
import { updateFailureType } from '../../test/support/sop-case';
import { handOffAsParts } from '../../test/support/recording-activities';

const A: Actor = { sub: 'alice', agencyId: 'demo-a', roles: ['caseworker'] };
const B: Actor = { sub: 'bruno', agencyId: 'demo-b', roles: ['caseworker'] };
/** A supervisor of the lead agency (slot a): the one who may cancel the case. */
const LEAD: Actor = { sub: 'sara', agencyId: 'demo-a', roles: ['supervisor'] };

function recordingActivities() {
  const opened: OpenTaskInput[] = [];
  const closed: { status: string; endState: string }[] = [];
  const completed: string[] = [];
  const changes: ParticipantChangedInput[] = [];
  const assigned: TaskAssignedRecordInput[] = [];
  const parts: Omit<CaseActivities, 'recordHandOff'> = {
    recordCaseOpened: async () => undefined,
    openTask: async (input) => void opened.push(input),
    recordTaskCompleted: async (input) => void completed.push(input.taskId),
    recordTaskClaimed: async () => undefined,
    recordTaskAssigned: async (input) => void assigned.push(input),
    recordTimeline: async () => undefined,
    recordReminder: async () => undefined,
    recordEscalation: async () => undefined,
    recordDeadlineExtended: async () => undefined,
    closeCase: async (input) => void closed.push({ status: input.status, endState: input.endState }),
    findConsent: async () => null,
    recordConsentWait: async () => undefined,
    recordStepConsents: async () => undefined,
    recordDataDeadline: async () => undefined,
    recordParticipantChanged: async (input) => {
      changes.push(input);
      return { movedTasks: input.steps.length };
    },
  };
  /** Each hand-off written as one: the completions it carried and the write that carried them. */
  const handOffs: { opened: boolean; completed: string[]; then: string }[] = [];
  const asParts = handOffAsParts(parts);
  const activities: CaseActivities = {
    ...parts,
    recordHandOff: async (input) => {
      handOffs.push({
        opened: input.opened !== undefined,
        completed: input.completed.map((c) => c.taskId),
        then: Object.keys(input.then)[0],
      });
      await asParts(input);
    },
  };
  return { activities, opened, closed, completed, changes, assigned, handOffs };
}

function input(caseId: string): CaseStartInput {
  return {
    caseId,
    sop: 'demo-handoff',
    sopVersion: 1,
    participants: { a: 'demo-a', b: 'demo-b' },
    openedBy: A,
    intake: { channel: 'phone' },
  };
}

describe('demoHandoffWorkflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  it('opens the first step for agency A, then B, and ends in the outcome B records', async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-1',
        args: [input('wf-1')],
      });
      await waitUntil(() => rec.opened.length === 1);
      expect(rec.opened[0]).toMatchObject({ step: 'review-intake', agencyId: 'demo-a', roles: ['caseworker'] });
      const first = rec.opened[0].taskId;

      expect(
        await updateFailureType(
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: first, actor: B, form: { ready: true } }] }),
        ),
      ).toBe('WrongAgency');
      expect(
        await updateFailureType(
          handle.executeUpdate(completeTaskUpdate, {
            args: [{ taskId: first, actor: { ...A, roles: ['manager'] }, form: { ready: true } }],
          }),
        ),
      ).toBe('WrongRole');
      expect(
        await updateFailureType(
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: first, actor: A, form: { ready: 1 } }] }),
        ),
      ).toBe('InvalidForm');
      expect(
        await updateFailureType(
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: 'nope', actor: A, form: {} }] }),
        ),
      ).toBe('TaskNotFound');
      // Rejected updates never reach the handler: nothing was recorded.
      expect(rec.completed).toEqual([]);

      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: first, actor: A, form: { ready: true } }] });
      // The case's opening went with its first task, and the update answered once the completion and B's task were
      // written, in one write (decision 0012).
      expect(rec.handOffs).toEqual([
        { opened: true, completed: [], then: 'openTask' },
        { opened: false, completed: [first], then: 'openTask' },
      ]);
      expect(rec.opened.map((t) => t.step)).toEqual(['review-intake', 'record-outcome']);
      expect(rec.completed).toEqual([first]);
      expect(
        await updateFailureType(
          handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: first, actor: A, form: { ready: true } }] }),
        ),
      ).toBe('TaskClosed');

      await waitUntil(() => rec.opened.length === 2);
      expect(rec.opened[1]).toMatchObject({ step: 'record-outcome', agencyId: 'demo-b' });
      const state = await handle.query(caseStateQuery);
      expect(state.tasks.map((t) => [t.step, t.status])).toEqual([
        ['review-intake', 'completed'],
        ['record-outcome', 'open'],
      ]);
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: rec.opened[1].taskId, actor: B, form: { outcome: 'referred-on' } }],
      });
      const done = await handle.result();
      // The case closes only after its handlers finish: the last completion was written alone, then the close.
      expect(rec.handOffs).toHaveLength(2);
      expect(rec.completed).toEqual([first, rec.opened[1].taskId]);
      expect(rec.closed).toEqual([{ status: 'completed', endState: 'referred-on' }]);
      await saveHistoryIfRecording(handle, 'demo-handoff-main');
      return done;
    });
    expect(result).toEqual({ caseId: 'wf-1', status: 'completed', endState: 'referred-on' });
    expect(rec.closed).toEqual([{ status: 'completed', endState: 'referred-on' }]);
  });

  it('sets due dates from the step targets, even after days pass', async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo-due');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-2',
        args: [input('wf-2')],
      });
      await waitUntil(() => rec.opened.length === 1);
      const t = rec.opened[0];
      expect(Date.parse(t.dueAt!) - Date.parse(t.openedAt)).toBe(24 * 3600 * 1000);
      // Not a whole number of days: the test server can stall when a sleep ends on the instant a timer fires (the
      // overdue step's escalation repeats daily).
      await env.sleep('62 hours');
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: t.taskId, actor: A, form: { ready: true } }] });
      await waitUntil(() => rec.opened.length === 2);
      expect(Date.parse(rec.opened[1].openedAt) - Date.parse(t.openedAt)).toBeGreaterThanOrEqual(62 * 3600 * 1000);
      await handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: LEAD, reason: 'test' }] });
      await handle.result();
    });
  });

  it('reminds, escalates at the breach and again daily up the chain until done, restarting when a deadline moves', async () => {
    const r = sharedRecorder();
    const taskQueue = uniqueTaskQueue('demo-deadline');
    const worker = await createTestWorker(env, { taskQueue, activities: r.activities });
    const supervisor: Actor = { sub: 'sara', agencyId: 'demo-a', roles: ['supervisor'] };
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-4',
        args: [
          {
            ...input('wf-4'),
            timeliness: { targetsMs: { 'review-intake': 4 * 3600_000 }, reminderShare: 0.5, calendar: 'calendar' },
          },
        ],
      });
      const task = await r.waitForTask('review-intake');
      expect(Date.parse(task.dueAt!) - Date.parse(task.openedAt)).toBe(4 * 3600_000);
      await env.sleep('3 hours');
      expect(r.rec.reminders.map((x) => x.roles)).toEqual([['caseworker']]);
      expect(r.rec.escalations).toEqual([]);
      await env.sleep('2 hours');
      expect(r.rec.escalations).toHaveLength(1);
      expect(r.rec.escalations[0]).toMatchObject({
        step: 'review-intake',
        agencyId: 'demo-a',
        roles: ['supervisor', 'manager'],
      });

      const later = new Date(Date.parse(task.dueAt!) + 24 * 3600_000).toISOString();
      expect(
        await updateFailureType(
          handle.executeUpdate(extendDeadlineUpdate, {
            args: [{ taskId: task.taskId, actor: A, dueAt: later, reason: 'x' }],
          }),
        ),
      ).toBe('NotSupervisor');
      expect(
        await updateFailureType(
          handle.executeUpdate(extendDeadlineUpdate, {
            args: [{ taskId: task.taskId, actor: supervisor, dueAt: task.openedAt, reason: 'x' }],
          }),
        ),
      ).toBe('BadDeadline');
      await handle.executeUpdate(extendDeadlineUpdate, {
        args: [{ taskId: task.taskId, actor: supervisor, dueAt: later, reason: 'interpreter next week' }],
      });
      expect(r.rec.extensions).toHaveLength(1);
      await env.sleep('20 hours');
      expect(r.rec.escalations).toHaveLength(1);
      await env.sleep('2 days');
      // The new deadline passed: escalated at the breach, then a day later again, one level up (the lead's
      // coordinators; the lead is demo-a itself here, so no other agency is told).
      expect(r.rec.escalations.map((e) => [e.level ?? 0, e.agencyId, e.notifyAgencyId])).toEqual([
        [0, 'demo-a', undefined],
        [0, 'demo-a', undefined],
        [1, 'demo-a', undefined],
      ]);
      expect(r.rec.escalations[2]).toMatchObject({
        dueAt: r.rec.escalations[1].dueAt,
        roles: ['supervisor', 'manager'],
      });
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.taskId, actor: A, form: { ready: true } }],
      });
      await r.waitForTask('record-outcome');
      // Done: nobody is chased for it any more.
      const escalated = r.rec.escalations.length;
      // Off the whole days on which record-outcome's own escalation fires (see 'sets due dates').
      await env.sleep('67 hours');
      expect(r.rec.escalations.filter((e) => e.step === 'review-intake')).toHaveLength(escalated);
      await handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: LEAD, reason: 'test' }] });
      await handle.result();
      await saveHistoryIfRecording(handle, 'demo-handoff-deadline-repeating');
    });
  });

  it("refuses a cancellation from anyone but the lead agency's coordinator, whatever path it came by", async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo-cancel-refused');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-5',
        args: [input('wf-5')],
      });
      await waitUntil(() => rec.opened.length === 1);
      const refused: Actor[] = [
        A, // the lead agency, but a caseworker
        { sub: 'audrey', agencyId: 'demo-a', roles: ['auditor'] },
        { sub: 'otto', agencyId: 'demo-a', roles: ['operator'] },
        { sub: 'bea', agencyId: 'demo-b', roles: ['supervisor'] }, // a coordinator of a non-lead participant
        { sub: 'vera', agencyId: 'venice-cau', roles: ['supervisor'] }, // an agency outside the case
      ];
      for (const actor of refused) {
        const update = handle.executeUpdate(cancelCaseUpdate, { args: [{ actor, reason: 'not mine to end' }] });
        expect([actor.sub, await updateFailureType(update)]).toEqual([actor.sub, 'WrongRole']);
      }
      expect((await handle.query(caseStateQuery)).status).toBe('open');
      expect(rec.closed).toEqual([]);
      await handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: LEAD, reason: 'opened twice' }] });
      expect(await handle.result()).toEqual({ caseId: 'wf-5', status: 'cancelled', endState: 'cancelled' });
    });
  });

  it('ends in the cancelled state when cancelled, and refuses a second cancellation', async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo-cancel');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-3',
        args: [input('wf-3')],
      });
      await waitUntil(() => rec.opened.length === 1);
      await handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: LEAD, reason: 'duplicate' }] });
      // The case is closed (a local activity) in the workflow task that answers the first cancellation, so the
      // second finds the workflow finished (before, the workflow still ran and its validator answered CaseClosed).
      const again = handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: LEAD, reason: 'again' }] });
      expect(
        await updateFailureType(again).catch((err: unknown) =>
          err instanceof WorkflowNotFoundError ? 'Finished' : err,
        ),
      ).toBe('Finished');
      const done = await handle.result();
      await saveHistoryIfRecording(handle, 'demo-handoff-cancelled');
      return done;
    });
    expect(result).toEqual({ caseId: 'wf-3', status: 'cancelled', endState: 'cancelled' });
    expect(rec.closed).toEqual([{ status: 'cancelled', endState: 'cancelled' }]);
  });
  it('puts another agency in the receiving slot mid-case: its open task moves, the agency replaced is refused', async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    const C: Actor = { sub: 'carla', agencyId: 'demo-c', roles: ['caseworker'] };
    const change = (actor: Actor, slot: string, agencyId: string) => ({
      args: [{ actor, slot, agencyId, reason: 'The receiving partner changed.' }] as [ChangeParticipantInput],
    });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-participants',
        args: [input('wf-participants')],
      });
      await waitUntil(() => rec.opened.length === 1);
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: rec.opened[0].taskId, actor: A, form: { ready: true } }],
      });
      await waitUntil(() => rec.opened.length === 2);
      const outcomeTask = rec.opened[1].taskId;

      expect(await updateFailureType(handle.executeUpdate(changeParticipantUpdate, change(B, 'b', 'demo-c')))).toBe(
        'WrongRole',
      );
      expect(await updateFailureType(handle.executeUpdate(changeParticipantUpdate, change(LEAD, 'a', 'demo-c')))).toBe(
        'BadParticipant',
      );
      expect(await updateFailureType(handle.executeUpdate(changeParticipantUpdate, change(LEAD, 'b', 'demo-b')))).toBe(
        'BadParticipant',
      );
      expect(rec.changes).toEqual([]);

      const changed = await handle.executeUpdate(changeParticipantUpdate, change(LEAD, 'b', 'demo-c'));
      expect(changed).toMatchObject({ slot: 'b', from: 'demo-b', to: 'demo-c', movedTasks: 1 });
      expect(rec.changes).toHaveLength(1);
      expect(rec.changes[0]).toMatchObject({
        slot: 'b',
        from: 'demo-b',
        to: 'demo-c',
        steps: ['record-outcome'],
        participants: { a: 'demo-a', b: 'demo-c' },
      });
      expect(rec.changes[0].notifyRoles).toEqual(expect.arrayContaining(['caseworker', 'supervisor']));
      const state = await handle.query(caseStateQuery);
      expect(state.tasks.find((t) => t.taskId === outcomeTask)?.agencyId).toBe('demo-c');

      const byReplaced = { taskId: outcomeTask, actor: B, form: { outcome: 'referred-on' } };
      expect(await updateFailureType(handle.executeUpdate(completeTaskUpdate, { args: [byReplaced] }))).toBe(
        'WrongAgency',
      );
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: outcomeTask, actor: C, form: { outcome: 'referred-on' } }],
      });
      const done = await handle.result();
      await saveHistoryIfRecording(handle, 'demo-handoff-participant-changed');
      return done;
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'referred-on' });
  });

  it('lets the agency in a slot withdraw: the lead holds its open task until another agency joins', async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    const C: Actor = { sub: 'carla', agencyId: 'demo-c', roles: ['caseworker'] };
    const withdraw = { actor: LEAD, slot: 'b', withdraw: true, reason: 'The partner closed its office.' };
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-withdraw',
        args: [input('wf-withdraw')],
      });
      await waitUntil(() => rec.opened.length === 1);
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: rec.opened[0].taskId, actor: A, form: { ready: true } }],
      });
      await waitUntil(() => rec.opened.length === 2);
      const outcomeTask = rec.opened[1].taskId;

      const left = await handle.executeUpdate(changeParticipantUpdate, { args: [withdraw] });
      expect(left).toMatchObject({ slot: 'b', from: 'demo-b', to: 'demo-a', withdrawn: true, movedTasks: 1 });
      expect(rec.changes[0]).toMatchObject({ from: 'demo-b', to: 'demo-a', withdrawn: true });
      // Withdrawn once: the lead holds the slot, a second withdrawal does not fit.
      expect(await updateFailureType(handle.executeUpdate(changeParticipantUpdate, { args: [withdraw] }))).toBe(
        'BadParticipant',
      );
      const byLeft = { taskId: outcomeTask, actor: B, form: { outcome: 'resolved' } };
      expect(await updateFailureType(handle.executeUpdate(completeTaskUpdate, { args: [byLeft] }))).toBe('WrongAgency');

      await handle.executeUpdate(changeParticipantUpdate, {
        args: [{ actor: LEAD, slot: 'b', agencyId: 'demo-c', reason: 'A new partner joined.' }],
      });
      expect((await handle.query(caseStateQuery)).tasks.find((t) => t.taskId === outcomeTask)?.agencyId).toBe('demo-c');
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: outcomeTask, actor: C, form: { outcome: 'resolved' } }],
      });
      const done = await handle.result();
      await saveHistoryIfRecording(handle, 'demo-handoff-participant-withdrawn');
      return done;
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'resolved' });
  });

  it('lets the holder or a supervisor release a task and a supervisor hand it to a colleague with its role', async () => {
    const rec = recordingActivities();
    const taskQueue = uniqueTaskQueue('demo');
    const worker = await createTestWorker(env, { taskQueue, activities: rec.activities });
    const B2: Actor = { sub: 'bea', agencyId: 'demo-b', roles: ['caseworker'] };
    const BSUP: Actor = { sub: 'bianca', agencyId: 'demo-b', roles: ['supervisor'] };
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: 'case-wf-assign',
        args: [input('wf-assign')],
      });
      await waitUntil(() => rec.opened.length === 1);
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: rec.opened[0].taskId, actor: A, form: { ready: true } }],
      });
      await waitUntil(() => rec.opened.length === 2);
      const taskId = rec.opened[1].taskId;
      const assign = (actor: Actor, assignee: { sub: string; roles: string[] } | null) =>
        handle.executeUpdate(assignTaskUpdate, { args: [{ taskId, actor, assignee }] });

      expect(await updateFailureType(assign(B, null))).toBe('NotClaimed');
      await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId, actor: B }] });
      // A colleague may not release what another holds; the holder may; a supervisor of another agency cannot.
      expect(await updateFailureType(assign(B2, null))).toBe('NotSupervisor');
      expect(await updateFailureType(assign({ ...LEAD }, null))).toBe('WrongAgency');
      expect(await assign(B, null)).toMatchObject({ taskId, claimedBy: null });
      // Handing out: supervisors only, to someone with a role the task needs who does not hold it already.
      expect(await updateFailureType(assign(B2, { sub: 'bea', roles: ['caseworker'] }))).toBe('NotSupervisor');
      expect(await updateFailureType(assign(BSUP, { sub: 'clara', roles: ['clerk'] }))).toBe('BadAssignee');
      expect(await assign(BSUP, { sub: 'bea', roles: ['caseworker'] })).toMatchObject({ claimedBy: 'bea' });
      expect(await updateFailureType(assign(BSUP, { sub: 'bea', roles: ['caseworker'] }))).toBe('BadAssignee');
      // Bruno no longer holds it: Bea completes it.
      const byBruno = { taskId, actor: B, form: { outcome: 'resolved' } };
      expect(await updateFailureType(handle.executeUpdate(completeTaskUpdate, { args: [byBruno] }))).toBe(
        'TaskClaimed',
      );
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor: B2, form: { outcome: 'resolved' } }] });
      const done = await handle.result();
      await saveHistoryIfRecording(handle, 'demo-handoff-task-assigned');
      return done;
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'resolved' });
    expect(rec.assigned.map((a) => [a.from, a.to, a.actor.sub])).toEqual([
      ['bruno', null, 'bruno'],
      [null, 'bea', 'bianca'],
    ]);
    expect(rec.assigned[1]).toMatchObject({ sop: 'demo-handoff', step: 'record-outcome', roles: ['caseworker'] });
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
