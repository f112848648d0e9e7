import { randomUUID } from 'node:crypto';
import type { OwnKeys } from './own-keys';
import type { PartnerDirectory } from './partner-directory';
import { REFERRAL_PROTOCOL, type Bodies, type Message, type MessageType, type Party } from './referral-messages';
import { ReferralError, openMessage, sealMessage, type ReferralErrorCode } from './referral-seal';

/** How long a message stays valid for its recipient: a partner offline for days still gets it. */
export const MESSAGE_LIFETIME_MS = 30 * 24 * 3_600_000;
/** The receiving endpoint, relative to a partner's base URL. */
export const INBOX_PATH = '/referral/inbox';
const POST_TIMEOUT_MS = 15_000;

/** The partner is unreachable or answered 5xx / 429: the delivery is retried. */
export class PartnerUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(`The partner did not take the packet (${detail}); the delivery is retried.`);
    this.name = 'PartnerUnavailableError';
  }
}

export type DeliveryOutcome =
  | { outcome: 'acknowledged'; receivedAt: string; duplicate: boolean }
  | { outcome: 'refused'; code: ReferralErrorCode | 'http_4xx'; status: number };

export function newMessage<T extends MessageType>(
  type: T,
  m: { messageId?: string; referralId: string; from: Party; to: Party; body: Bodies[T] },
  now = Date.now(),
): Message<T> {
  return {
    protocol: REFERRAL_PROTOCOL,
    type,
    messageId: m.messageId ?? randomUUID(),
    referralId: m.referralId,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + MESSAGE_LIFETIME_MS).toISOString(),
    from: m.from,
    to: m.to,
    body: m.body,
  };
}

/** Seals messages to partners and opens what partners send, with this deployment's keys and its directory. */
export class ReferralMessenger {
  constructor(
    readonly deployment: string,
    private readonly keys: OwnKeys,
    private readonly partners: PartnerDirectory,
  ) {}

  async seal(message: Message, partnerId: string): Promise<string> {
    const recipient = await this.partners.encryptionKey(partnerId);
    if (!recipient) throw new ReferralError('unknown_key', 'The partner has no active encryption key registered.');
    return sealMessage(message, await this.keys.signing(), recipient);
  }

  /** Opens a packet from a partner; the message's sender must be the partner whose key signed it. */
  async open(packet: string): Promise<{ message: Message; partnerId: string }> {
    let partnerId: string | undefined;
    const message = await openMessage(packet, {
      decryptionKeys: (kid) => this.keys.decryption(kid),
      signingKey: async (kid) => {
        const k = await this.partners.signingKey(kid);
        partnerId = k?.partnerId;
        return k;
      },
      seen: () => false,
    });
    if (message.from.deployment !== partnerId)
      throw new ReferralError(
        'bad_signature',
        'The message names a sender other than the partner whose key signed it.',
      );
    if (message.to.deployment !== this.deployment)
      throw new ReferralError('invalid_message', 'The message is addressed to another deployment.', [
        { field: 'to.deployment', reason: 'is not this deployment' },
      ]);
    return { message, partnerId };
  }

  /**
   * Delivers one message to a partner's inbox and opens the signed acknowledgement it answers with. Throws
   * PartnerUnavailableError (retry) when the partner is away; a refusal (4xx) is an outcome, not retried.
   */
  async deliver(message: Message, partnerId: string, baseUrl: string): Promise<DeliveryOutcome> {
    const packet = await this.seal(message, partnerId);
    let res: Response;
    try {
      res = await fetch(new URL(INBOX_PATH, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ packet }),
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new PartnerUnavailableError((err as Error).name);
    }
    const text = await res.text();
    if (res.status >= 500 || res.status === 429) throw new PartnerUnavailableError(`HTTP ${res.status}`);
    let body: { packet?: string; error?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      // not JSON
    }
    if (res.status >= 400) {
      const code = (body.error ?? 'http_4xx') as ReferralErrorCode | 'http_4xx';
      return { outcome: 'refused', code, status: res.status };
    }
    if (typeof body.packet !== 'string') throw new PartnerUnavailableError('an answer without an acknowledgement');
    const { message: ack } = await this.open(body.packet);
    if (ack.type !== 'ack' || (ack.body as Bodies['ack']).ofMessageId !== message.messageId)
      throw new PartnerUnavailableError('an acknowledgement of another message');
    return {
      outcome: 'acknowledged',
      receivedAt: (ack.body as Bodies['ack']).receivedAt,
      duplicate: res.status === 200 && res.headers.get('x-referral-duplicate') === 'true',
    };
  }
}
