import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { completeTaskUpdate, type Actor, type CaseStartInput } from '@waymark/contracts';
import { randomUUID } from 'node:crypto';
import { recordingActivities } from '../../test/support/recording-activities';
import {
  createTestWorker,
  createTimeSkippingEnv,
  saveHistoryIfRecording,
  uniqueTaskQueue,
} from '../../test/support/workflow-env';
import { REPEATS_PER_RUN } from './escalation-watch.workflow';

const A: Actor = { sub: 'alice', agencyId: 'demo-a', roles: ['caseworker'] };
const B: Actor = { sub: 'bruno', agencyId: 'demo-b', roles: ['caseworker'] };
const DAY = 86_400_000;

describe('escalations of a step left open for a year', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  it('repeat at the interval up the chain for 12 simulated months, keep every history bounded, and stop when the step is done', async () => {
    const r = recordingActivities();
    const taskQueue = uniqueTaskQueue('escalation-year');
    const worker = await createTestWorker(env, { taskQueue, activities: r.activities });
    const caseId = randomUUID();
    const input: CaseStartInput = {
      caseId,
      sop: 'demo-handoff',
      sopVersion: 1,
      participants: { a: 'demo-a', b: 'demo-b' },
      openedBy: A,
      intake: { channel: 'phone' },
      timeliness: { targetsMs: { 'record-outcome': DAY }, reminderShare: 0.75, calendar: 'calendar' },
      // A deployment's overlay sets the interval (every second day keeps the test's 12 months quick to skip).
      overlay: { name: 'test', digest: 'test', sop: { escalationEvery: 'P2D' } },
    };
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('demoHandoffWorkflow', {
        taskQueue,
        workflowId: `case-${caseId}`,
        args: [input],
      });
      const review = await r.waitForTask('review-intake');
      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: review.taskId, actor: A, form: { ready: true } }],
      });
      const outcome = await r.waitForTask('record-outcome');

      await env.sleep('366 days');
      const levels = r.rec.escalations.filter((e) => e.taskId === outcome.taskId).map((e) => e.level ?? 0);
      // The breach (level 0), then one repeat every second day, one level up each time.
      expect(levels.length).toBeGreaterThanOrEqual(180);
      expect(levels).toEqual(levels.map((_, i) => i));
      const last = r.rec.escalations[r.rec.escalations.length - 1];
      // Past the end of the chain its last level again: the lead agency (demo-a) is told, the task stays demo-b's.
      expect(last).toMatchObject({ agencyId: 'demo-b', notifyAgencyId: 'demo-a', step: 'record-outcome' });

      // The case's own history holds the watch's start, not a year of timers and activities.
      const caseEvents = (await handle.fetchHistory()).events ?? [];
      expect(caseEvents.length).toBeLessThan(150);
      const watch = env.client.workflow.getHandle(`case-${caseId}:e1-0`);
      const runEvents = (await watch.fetchHistory()).events ?? [];
      expect(runEvents.length).toBeLessThan(REPEATS_PER_RUN * 12);
      // Continued as new every REPEATS_PER_RUN repeats: the run now going was started by the one before.
      expect(runEvents[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
      expect((await watch.describe()).status.name).toBe('RUNNING');

      await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: outcome.taskId, actor: B, form: { outcome: 'resolved' } }],
      });
      expect((await handle.result()).endState).toBe('resolved');
      const sent = r.rec.escalations.length;
      await env.sleep('3 days');
      expect(r.rec.escalations).toHaveLength(sent);
      expect((await env.client.workflow.getHandle(`case-${caseId}:e1-0`).describe()).status.name).not.toBe('RUNNING');
      await saveHistoryIfRecording(handle, 'demo-handoff-escalation-watch');
    });
  }, 240_000);
});
