// Shapes of the referral routes (docs/api.md "Referrals abroad") and the words the pages use for their codes.
import type { I18n } from '../i18n';
import type { MessageKey } from '../i18n/en';

// The states as the server declares them (a file that imports nothing, so the bundle takes only the list).
import { REFERRAL_STATES, type ReferralState } from '../../../../libs/referral/src/referral-states';

export { REFERRAL_STATES, type ReferralState };

/** The reason codes a receiving agency declines with. */
export const DECLINE_REASONS = ['no-capacity', 'not-eligible', 'out-of-area', 'other'] as const;

export interface ReferralHistoryEntry {
  state: ReferralState;
  at: string;
}

/** `GET /cases/:id/referrals`: a referral as its sender sees it (ids, codes, states, times; never the fields). */
export interface OutgoingReferral {
  referralId: string;
  partner: string;
  agency: string;
  sop: string;
  personCode: string;
  consentId: string;
  state: ReferralState;
  declineReason: string | null;
  attempts: number;
  ackOverdue: boolean;
  decisionOverdue: boolean;
  sentAt: string;
  history: ReferralHistoryEntry[];
}

/** `GET /referrals/incoming` (and `/:id` with `fields`). */
export interface IncomingReferral {
  referralId: string;
  from: { deployment: string; agency: string };
  sop: string;
  personCode: string;
  state: ReferralState;
  declineReason: string | null;
  caseId: string | null;
  receivedAt: string;
  decisionDueAt: string | null;
  decisionOverdue: boolean;
  consent: { consentId: string; purpose: string; scope: string[]; validUntil?: string } | null;
  history: ReferralHistoryEntry[];
  fields?: Record<string, unknown> | null;
}

/** `GET /referral/partners`. */
export interface Partner {
  id: string;
  name: string;
  country: string;
  baseUrl: string;
  accepts: { agency: string; sops: string[] }[];
}

const readable = (code: string) => code.replace(/-/g, ' ');

/** A state in words; a code this version does not know is shown readable rather than as a key. */
export function stateText(t: I18n['t'], state: string): string {
  return REFERRAL_STATES.includes(state as ReferralState)
    ? t(`referral.state.${state}` as MessageKey)
    : readable(state);
}

/** The states a received referral has its own words for (`incoming.state.*`): the receiver's side of them. */
const INCOMING_STATES: readonly ReferralState[] = [
  'received',
  'accepted',
  'declined',
  'person-arrived',
  'closed',
  'withdrawn',
];

/** A received referral's state in the receiving agency's words; any other state as the sender says it. */
export function incomingStateText(t: I18n['t'], state: string): string {
  return INCOMING_STATES.includes(state as ReferralState)
    ? t(`incoming.state.${state}` as MessageKey)
    : stateText(t, state);
}

/** A decline reason code in words. */
export function reasonText(t: I18n['t'], reason: string): string {
  return (DECLINE_REASONS as readonly string[]).includes(reason)
    ? t(`referral.reason.${reason}` as MessageKey)
    : readable(reason);
}

/** Consent scopes in words, as the consent list says them. */
export function scopeText(t: I18n['t'], scope: readonly string[]): string {
  return scope.map((s) => t(`consent.scope.${s}` as MessageKey)).join(', ');
}

/** The short reference of a referral (its id's first block), as case references are shown. */
export const referralRef = (id: string) => id.slice(0, 8);
