import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import {
  createTestWorker,
  createTimeSkippingEnv,
  saveHistoryIfRecording,
  uniqueTaskQueue,
} from '../../test/support/workflow-env';
import {
  referralWorkflowId,
  sendReferralMessageSignal,
  type DeliveryResult,
  type OutgoingMessage,
  type ReferralActivities,
  type ReferralWorkflowInput,
} from './referral-contract';

const HOUR = 3600;

/** Activities that record what the workflow asked; delivery fails while `offline` says so (the partner is away). */
function fakeActivities(opts: { offlineAttempts?: number; refuse?: string } = {}) {
  const delivered: OutgoingMessage[] = [];
  const missed: string[] = [];
  const refused: string[] = [];
  let attempts = 0;
  const activities: ReferralActivities = {
    async deliverReferralMessage({ message }): Promise<DeliveryResult> {
      attempts += 1;
      if (attempts <= (opts.offlineAttempts ?? 0))
        throw ApplicationFailure.retryable('partner offline', 'PartnerUnavailableError');
      if (opts.refuse) return { outcome: 'refused', code: opts.refuse };
      delivered.push(message);
      return { outcome: 'acknowledged' };
    },
    async referralTargetMissed({ what }) {
      missed.push(what);
    },
    async referralRefused({ code }) {
      refused.push(code);
    },
  };
  return { activities, delivered, missed, refused, attempts: () => attempts };
}

const input = (referralId: string, direction: 'out' | 'in'): ReferralWorkflowInput => ({
  referralId,
  direction,
  ackTargetSeconds: HOUR,
  decisionTargetSeconds: 72 * HOUR,
  retryMaxSeconds: HOUR,
  firstMessageId: direction === 'out' ? '00000000-0000-4000-8000-000000000001' : undefined,
});

describe('referral delivery workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  it('keeps delivering while the partner is offline for a day, tells the sender once the ack target passes, and ends after the withdrawal', async () => {
    const fake = fakeActivities({ offlineAttempts: 30 });
    const taskQueue = uniqueTaskQueue('referral-offline');
    const worker = await createTestWorker(env, { taskQueue, activities: fake.activities });
    const referralId = '00000000-0000-4000-8000-00000000a001';
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('referralWorkflow', {
        taskQueue,
        workflowId: referralWorkflowId('out', referralId),
        args: [input(referralId, 'out')],
      });
      // 30 failed attempts with backoff capped at an hour: more than a day of simulated time.
      await env.sleep('2 days');
      expect(fake.attempts()).toBe(31);
      expect(fake.delivered.map((m) => m.type)).toEqual(['referral']);
      // The ack target passed while the partner was away: flagged once; then the decision target (72 h).
      expect(fake.missed).toEqual(['ack']);
      await env.sleep('2 days');
      expect(fake.missed).toEqual(['ack', 'decision']);
      // A withdrawal signalled twice (a repeated API call) is sent once, and ends the sending side.
      const withdrawal: OutgoingMessage = {
        messageId: '00000000-0000-4000-8000-0000000000aa',
        type: 'withdrawal',
        body: { consentId: '00000000-0000-4000-8000-0000000000cc', withdrawnAt: '2026-12-04T00:00:00Z' },
      };
      await handle.signal(sendReferralMessageSignal, withdrawal);
      await handle.signal(sendReferralMessageSignal, withdrawal);
      await handle.result();
      expect(fake.delivered.map((m) => m.type)).toEqual(['referral', 'withdrawal']);
      await saveHistoryIfRecording(handle, 'referral-out-offline-withdrawn');
    });
  });

  it('on the receiving side sends the decision, the status and the withdrawal confirmation in order, then ends', async () => {
    const fake = fakeActivities();
    const taskQueue = uniqueTaskQueue('referral-in');
    const worker = await createTestWorker(env, { taskQueue, activities: fake.activities });
    const referralId = '00000000-0000-4000-8000-00000000b001';
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('referralWorkflow', {
        taskQueue,
        workflowId: referralWorkflowId('in', referralId),
        args: [input(referralId, 'in')],
      });
      const send = (n: number, type: OutgoingMessage['type'], body: Record<string, string>) =>
        handle.signal(sendReferralMessageSignal, { messageId: `00000000-0000-4000-8000-00000000000${n}`, type, body });
      await send(1, 'decision', { decision: 'accepted' });
      await send(2, 'status', { status: 'person-arrived' });
      await send(3, 'withdrawal-confirmed', { ofMessageId: 'x', method: 'key-destroyed', at: 'now' });
      await handle.result();
      expect(fake.delivered.map((m) => m.type)).toEqual(['decision', 'status', 'withdrawal-confirmed']);
      expect(fake.missed).toEqual([]);
      await saveHistoryIfRecording(handle, 'referral-in-accepted-withdrawn');
    });
  });

  it('records a refusal of the referral and stops', async () => {
    const fake = fakeActivities({ refuse: 'bad_signature' });
    const taskQueue = uniqueTaskQueue('referral-refused');
    const worker = await createTestWorker(env, { taskQueue, activities: fake.activities });
    const referralId = '00000000-0000-4000-8000-00000000c001';
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('referralWorkflow', {
        taskQueue,
        workflowId: referralWorkflowId('out', referralId),
        args: [input(referralId, 'out')],
      });
      await handle.result();
      expect(fake.refused).toEqual(['bad_signature']);
      expect(fake.delivered).toEqual([]);
    });
  });
});
