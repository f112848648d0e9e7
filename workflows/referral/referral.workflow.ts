import { condition, proxyActivities, setHandler, sleep, uuid4 } from '@temporalio/workflow';
import {
  sendReferralMessageSignal,
  type OutgoingMessage,
  type ReferralActivities,
  type ReferralWorkflowInput,
} from './referral-contract';

/**
 * Delivers a referral's messages to the partner deployment, in order, each until the partner acknowledges it:
 * retried with backoff while the partner is offline (for as long as a message lives, 30 days), a missed
 * acknowledgement target flagged to the sender, a refusal recorded. Messages to send arrive as signals from the API
 * (a decision, a status, a withdrawal); a signal repeated with the same message id is taken once. The sending side
 * ends after its withdrawal is delivered, the receiving side after its confirmation of the withdrawal.
 */
export async function referralWorkflow(input: ReferralWorkflowInput): Promise<void> {
  const queue: OutgoingMessage[] = [];
  const taken = new Set<string>();
  const take = (m: OutgoingMessage) => {
    if (taken.has(m.messageId)) return;
    taken.add(m.messageId);
    queue.push(m);
  };
  if (input.direction === 'out') take({ messageId: input.firstMessageId ?? uuid4(), type: 'referral' });
  setHandler(sendReferralMessageSignal, take);

  const deliver = proxyActivities<ReferralActivities>({
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '30 days',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: input.retryMaxSeconds * 1000 },
  });
  const record = proxyActivities<ReferralActivities>({ startToCloseTimeout: '30 seconds' });
  const { referralId, direction } = input;

  // The decision target runs from the start on both sides; the activity does nothing once a decision is made.
  void sleep(input.decisionTargetSeconds * 1000).then(() =>
    record.referralTargetMissed({ referralId, direction, what: 'decision' }),
  );

  for (;;) {
    await condition(() => queue.length > 0);
    const message = queue.shift()!;
    let settled = false;
    const delivery = deliver.deliverReferralMessage({ referralId, direction, message });
    void delivery.then(
      () => (settled = true),
      () => (settled = true),
    );
    if (!(await condition(() => settled, input.ackTargetSeconds * 1000)))
      await record.referralTargetMissed({ referralId, direction, what: 'ack' });
    const result = await delivery;
    if (result.outcome === 'refused') {
      await record.referralRefused({ referralId, direction, code: result.code });
      if (message.type === 'referral') return;
    }
    if (message.type === 'withdrawal' || message.type === 'withdrawal-confirmed') return;
  }
}
