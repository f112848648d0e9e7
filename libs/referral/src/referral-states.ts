/**
 * The states of a referral on either side (docs/referral-protocol.md, States). Imports nothing: the web application
 * reads the same list.
 */
export const REFERRAL_STATES = [
  'sending',
  'received',
  'accepted',
  'declined',
  'person-arrived',
  'closed',
  'withdrawal-sent',
  'withdrawn',
  'failed',
] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
