import { CompactEncrypt, CompactSign, compactDecrypt, compactVerify, decodeProtectedHeader, type KeyLike } from 'jose';
import { messageProblems, type Message, type MessageType } from './referral-messages';

/** Larger packets are refused before any work: a referral carries codes and a handful of fields. */
export const MAX_PACKET_BYTES = 64 * 1024;
/** Clock difference tolerated between deployments for `issuedAt`. */
const SKEW_MS = 5 * 60_000;
const JWS_TYP = 'waymark-referral+jws';

export type ReferralErrorCode =
  | 'too_large'
  | 'unknown_key'
  | 'revoked_key'
  | 'undecryptable'
  | 'bad_signature'
  | 'invalid_message'
  | 'expired'
  | 'replayed';

/** Why a packet was refused: a code and a reason for the sender, never the packet's contents. */
export class ReferralError extends Error {
  constructor(
    readonly code: ReferralErrorCode,
    message: string,
    readonly fields: { field: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'ReferralError';
  }
}

/** A partner's signing key as the directory holds it. */
export interface PartnerSigningKey {
  key: KeyLike | Uint8Array;
  revoked: boolean;
}

/**
 * Signs the message with the sender's key, then encrypts it to the recipient's key. The JWE's header names only the
 * recipient's key id; who sent it, and everything else, is inside.
 */
export async function sealMessage(
  message: Message,
  sender: { kid: string; privateKey: KeyLike | Uint8Array },
  recipient: { kid: string; publicKey: KeyLike | Uint8Array },
): Promise<string> {
  const problems = messageProblems(message);
  if (problems.length > 0) throw new ReferralError('invalid_message', 'The message is not well formed.', problems);
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(message)))
    .setProtectedHeader({ alg: 'EdDSA', kid: sender.kid, typ: JWS_TYP })
    .sign(sender.privateKey);
  const packet = await new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', kid: recipient.kid, cty: JWS_TYP })
    .encrypt(recipient.publicKey);
  if (packet.length > MAX_PACKET_BYTES)
    throw new ReferralError('too_large', `A packet is at most ${MAX_PACKET_BYTES} bytes.`);
  return packet;
}

export interface OpenOptions {
  /** Our decryption keys by id (the current one, and the previous one during a rotation). */
  decryptionKeys: (kid: string) => KeyLike | Uint8Array | undefined | Promise<KeyLike | Uint8Array | undefined>;
  /** The sender's signing key by id, from the partner directory; undefined when unknown. */
  signingKey: (kid: string) => PartnerSigningKey | undefined | Promise<PartnerSigningKey | undefined>;
  /** Records the message id and says whether it was seen before (durably, on the receiving side). */
  seen: (messageId: string) => Promise<boolean> | boolean;
  now?: number;
}

/**
 * Opens a packet: size, our key, decryption, the sender's key (known, not revoked), the signature, the message's
 * shape, its expiry and replay, in that order. Every refusal is a ReferralError with a code.
 */
export async function openMessage(packet: string, opts: OpenOptions): Promise<Message<MessageType>> {
  if (Buffer.byteLength(packet, 'utf8') > MAX_PACKET_BYTES)
    throw new ReferralError('too_large', `A packet is at most ${MAX_PACKET_BYTES} bytes.`);
  let outerKid: string | undefined;
  try {
    outerKid = decodeProtectedHeader(packet).kid;
  } catch {
    throw new ReferralError('undecryptable', 'The packet is not a compact JWE.');
  }
  const ours = outerKid ? await opts.decryptionKeys(outerKid) : undefined;
  if (!ours) throw new ReferralError('unknown_key', 'The packet is encrypted to a key this deployment does not hold.');
  let jws: string;
  try {
    jws = new TextDecoder().decode((await compactDecrypt(packet, ours)).plaintext);
  } catch {
    throw new ReferralError('undecryptable', 'The packet cannot be decrypted with this deployment’s key.');
  }
  let innerKid: string | undefined;
  try {
    innerKid = decodeProtectedHeader(jws).kid;
  } catch {
    throw new ReferralError('bad_signature', 'The packet does not hold a compact JWS.');
  }
  const signer = innerKid ? await opts.signingKey(innerKid) : undefined;
  if (!signer) throw new ReferralError('unknown_key', 'The packet is signed with a key no partner registered.');
  if (signer.revoked) throw new ReferralError('revoked_key', 'The packet is signed with a revoked key.');
  let payload: Uint8Array;
  try {
    const verified = await compactVerify(jws, signer.key, { algorithms: ['EdDSA'] });
    if (verified.protectedHeader.typ !== JWS_TYP) throw new Error('typ');
    payload = verified.payload;
  } catch {
    throw new ReferralError('bad_signature', 'The signature does not verify with the sender’s key.');
  }
  let message: unknown;
  try {
    message = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new ReferralError('invalid_message', 'The message is not JSON.');
  }
  const problems = messageProblems(message);
  if (problems.length > 0) throw new ReferralError('invalid_message', 'The message is not well formed.', problems);
  const m = message as Message;
  const now = opts.now ?? Date.now();
  if (Date.parse(m.expiresAt) <= now) throw new ReferralError('expired', 'The message has expired.');
  if (Date.parse(m.issuedAt) > now + SKEW_MS)
    throw new ReferralError('invalid_message', 'The message was issued in the future.', [
      { field: 'issuedAt', reason: 'is later than now (beyond five minutes of clock difference)' },
    ]);
  if (await opts.seen(m.messageId)) throw new ReferralError('replayed', 'This message was received before.');
  return m;
}
