import { defineSignal } from '@temporalio/workflow';

/**
 * The delivery of a cross-border referral's messages (docs/referral-protocol.md), one workflow per referral and
 * side: `referral-out-<id>` on the referring deployment, `referral-in-<id>` on the receiving one. They hold ids,
 * states and codes only: the packet's fields stay in PostgreSQL, sealed, and are read by the delivery activity.
 */
export type OutgoingType = 'referral' | 'decision' | 'status' | 'withdrawal' | 'withdrawal-confirmed';

export interface OutgoingMessage {
  /** Stable across retries: the receiver acknowledges a resend again and changes nothing. */
  messageId: string;
  type: OutgoingType;
  /** The body for every type but `referral` (whose body is built from the sealed row): codes and times only. */
  body?: Record<string, string>;
}

export interface ReferralWorkflowInput {
  referralId: string;
  direction: 'out' | 'in';
  /** No acknowledgement within this → the sender's case manager is told (REFERRAL_ACK_TARGET_SECONDS). */
  ackTargetSeconds: number;
  /** No decision within this → flagged on both sides (REFERRAL_DECISION_TARGET_SECONDS). */
  decisionTargetSeconds: number;
  /** The longest wait between two delivery attempts while the partner is away (REFERRAL_RETRY_MAX_SECONDS). */
  retryMaxSeconds: number;
  /** The first message's id (the referral itself, on the sending side). */
  firstMessageId?: string;
}

export type DeliveryResult = { outcome: 'acknowledged' } | { outcome: 'refused'; code: string };

export interface ReferralActivities {
  /** Seals the message, posts it to the partner and opens its signed acknowledgement; retried while it is away. */
  deliverReferralMessage(input: {
    referralId: string;
    direction: 'out' | 'in';
    message: OutgoingMessage;
  }): Promise<DeliveryResult>;
  /** A target passed: flags it and tells the agency, unless the referral has moved on since. */
  referralTargetMissed(input: { referralId: string; direction: 'out' | 'in'; what: 'ack' | 'decision' }): Promise<void>;
  /** The partner refused a message for good: the referral is marked failed and the sender told. */
  referralRefused(input: { referralId: string; direction: 'out' | 'in'; code: string }): Promise<void>;
}

export const sendReferralMessageSignal = defineSignal<[OutgoingMessage]>('sendReferralMessage');

export const referralWorkflowId = (direction: 'out' | 'in', referralId: string) =>
  `referral-${direction}-${referralId}`;
