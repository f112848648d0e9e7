/**
 * The messages of the cross-border referral protocol (docs/referral-protocol.md), version 1. Every message is a
 * JSON object signed by its sender (JWS, EdDSA over Ed25519) and encrypted to its recipient (JWE, ECDH-ES+A256KW
 * over X25519 with A256GCM). Ids are opaque UUIDs; a person is a code (P1), never a name.
 */
export const REFERRAL_PROTOCOL = 'waymark-referral/1';

export const MESSAGE_TYPES = ['referral', 'ack', 'decision', 'status', 'withdrawal', 'withdrawal-confirmed'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface Party {
  /** The deployment's id in the partner directory (e.g. `ro-adpare`). */
  deployment: string;
  /** The agency in that deployment. */
  agency: string;
}

export interface ReferralBody {
  /** The receiving SOP (its intake declares the fields below). */
  sop: string;
  purpose: 'assistance' | 'return' | 'sharing';
  /** The consent the referral travels under: it names the recipient, the purpose and the scopes. */
  consent: { consentId: string; purpose: string; scope: string[]; validUntil?: string };
  person: { code: string };
  /** Only the receiving SOP's intake fields, checked against its declaration before sealing. */
  fields: Record<string, unknown>;
}

export interface Bodies {
  referral: ReferralBody;
  ack: { ofMessageId: string; receivedAt: string };
  decision: { decision: 'accepted' | 'declined'; reason?: string };
  status: { status: 'person-arrived' | 'closed' };
  withdrawal: { consentId: string; withdrawnAt: string };
  'withdrawal-confirmed': { ofMessageId: string; method: 'key-destroyed' | 'sealed'; at: string };
}

export interface Message<T extends MessageType = MessageType> {
  protocol: typeof REFERRAL_PROTOCOL;
  type: T;
  /** Unique per message: a receiver refuses a message id it has seen (replay). */
  messageId: string;
  /** The referral the message belongs to (the first message's id for a referral). */
  referralId: string;
  issuedAt: string;
  /** After this the receiver refuses the message. */
  expiresAt: string;
  from: Party;
  to: Party;
  body: Bodies[T];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID = /^[a-z0-9-]{1,64}$/;
const PERSON = /^[A-Z][0-9]{1,6}$/;
const CODE = /^[a-z0-9-]{1,64}$/;

/** The problems of a decoded message (empty when it is well formed): a path and a reason, never a value. */
export function messageProblems(m: unknown): { field: string; reason: string }[] {
  const out: { field: string; reason: string }[] = [];
  const o = (m ?? {}) as Record<string, unknown>;
  const bad = (field: string, reason: string) => out.push({ field, reason });
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return [{ field: '', reason: 'must be an object' }];
  if (o.protocol !== REFERRAL_PROTOCOL) bad('protocol', `must be ${REFERRAL_PROTOCOL}`);
  if (!MESSAGE_TYPES.includes(o.type as MessageType)) bad('type', `must be one of ${MESSAGE_TYPES.join(', ')}`);
  for (const f of ['messageId', 'referralId'])
    if (typeof o[f] !== 'string' || !UUID.test(o[f] as string)) bad(f, 'must be a UUID');
  for (const f of ['issuedAt', 'expiresAt'])
    if (typeof o[f] !== 'string' || Number.isNaN(Date.parse(o[f] as string))) bad(f, 'must be an ISO 8601 time');
  for (const f of ['from', 'to']) {
    const p = o[f] as Record<string, unknown> | undefined;
    if (!p || typeof p.deployment !== 'string' || !ID.test(p.deployment)) bad(`${f}.deployment`, 'must be an id');
    if (!p || typeof p.agency !== 'string' || !ID.test(p.agency)) bad(`${f}.agency`, 'must be an id');
  }
  const b = (o.body ?? {}) as Record<string, unknown>;
  if (typeof o.body !== 'object' || o.body === null) bad('body', 'must be an object');
  else if (o.type === 'referral') {
    if (typeof b.sop !== 'string' || !ID.test(b.sop)) bad('body.sop', 'must be an SOP id');
    if (!['assistance', 'return', 'sharing'].includes(b.purpose as string)) bad('body.purpose', 'unknown purpose');
    const c = (b.consent ?? {}) as Record<string, unknown>;
    if (typeof c.consentId !== 'string' || !UUID.test(c.consentId)) bad('body.consent.consentId', 'must be a UUID');
    if (!Array.isArray(c.scope) || c.scope.length === 0) bad('body.consent.scope', 'must name a scope');
    const p = (b.person ?? {}) as Record<string, unknown>;
    if (typeof p.code !== 'string' || !PERSON.test(p.code)) bad('body.person.code', 'must be a person code (P1)');
    if (typeof b.fields !== 'object' || b.fields === null || Array.isArray(b.fields))
      bad('body.fields', 'must be an object');
  } else if (o.type === 'ack') {
    if (typeof b.ofMessageId !== 'string' || !UUID.test(b.ofMessageId)) bad('body.ofMessageId', 'must be a UUID');
  } else if (o.type === 'decision') {
    if (!['accepted', 'declined'].includes(b.decision as string)) bad('body.decision', 'accepted or declined');
    if (b.decision === 'declined' && (typeof b.reason !== 'string' || !CODE.test(b.reason)))
      bad('body.reason', 'a decline names a reason code');
  } else if (o.type === 'status') {
    if (!['person-arrived', 'closed'].includes(b.status as string)) bad('body.status', 'person-arrived or closed');
  } else if (o.type === 'withdrawal') {
    if (typeof b.consentId !== 'string' || !UUID.test(b.consentId)) bad('body.consentId', 'must be a UUID');
  } else if (o.type === 'withdrawal-confirmed') {
    if (!['key-destroyed', 'sealed'].includes(b.method as string)) bad('body.method', 'key-destroyed or sealed');
  }
  return out;
}
