import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, type KeyLike } from 'jose';
import { SOPS } from '../../../workflows/sops';
import { MESSAGE_TYPES, REFERRAL_PROTOCOL, messageProblems, type Message, type MessageType } from './referral-messages';
import { MAX_PACKET_BYTES, ReferralError, openMessage, sealMessage } from './referral-seal';
import { referralFields } from './referral-fields';

const SCHEMAS = join(__dirname, '../../../docs/referral-protocol');
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const HOUR = 3_600_000;

function message<T extends MessageType>(type: T, body: Message<T>['body'], n = 1): Message<T> {
  return {
    protocol: REFERRAL_PROTOCOL,
    type,
    messageId: uuid(n),
    referralId: uuid(100),
    issuedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + HOUR).toISOString(),
    from: { deployment: 'de-mh', agency: 'mh-heilbronn' },
    to: { deployment: 'ro-adpare', agency: 'adpare' },
    body,
  };
}

const SAMPLES: { [T in MessageType]: Message<T> } = {
  referral: message('referral', {
    sop: 'assisted-return',
    purpose: 'return',
    consent: { consentId: uuid(7), purpose: 'sharing', scope: ['identity', 'travel'] },
    person: { code: 'P1' },
    fields: { isMinor: false, plannedReturnDate: '2031-01-15', returnCountry: 'RO' },
  }),
  ack: message('ack', { ofMessageId: uuid(1), receivedAt: new Date().toISOString() }),
  decision: message('decision', { decision: 'declined', reason: 'no-capacity' }),
  status: message('status', { status: 'person-arrived' }),
  withdrawal: message('withdrawal', { consentId: uuid(7), withdrawnAt: new Date().toISOString() }),
  'withdrawal-confirmed': message('withdrawal-confirmed', {
    ofMessageId: uuid(5),
    method: 'key-destroyed',
    at: new Date().toISOString(),
  }),
};

describe('referral protocol messages', () => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);

  it.each([...MESSAGE_TYPES])('has a JSON Schema for %s that agrees with the code on good and bad messages', (type) => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, `referral-${type}.schema.json`), 'utf8')) as object;
    const validate = ajv.compile(schema);
    const good = SAMPLES[type];
    expect([validate(good), messageProblems(good)]).toEqual([true, []]);
    for (const bad of [
      { ...good, protocol: 'other/1' },
      { ...good, messageId: 'not-a-uuid' },
      { ...good, from: { deployment: 'Has Spaces', agency: 'x' } },
      { ...good, body: null },
    ]) {
      expect(validate(bad)).toBe(false);
      expect(messageProblems(bad).length).toBeGreaterThan(0);
    }
  });

  it('carries only the receiving SOP’s intake fields, checked as its intake checks them', () => {
    const sop = SOPS.find((s) => s.id === 'assisted-return')!;
    expect(referralFields(sop, SAMPLES.referral.body.fields)).toEqual({ fields: SAMPLES.referral.body.fields });
    const refused = referralFields(sop, { ...SAMPLES.referral.body.fields, story: 'x', returnCountry: 'Romania' });
    expect('errors' in refused && refused.errors.map((e) => e.field).sort()).toEqual([
      'fields.returnCountry',
      'fields.story',
    ]);
  });
});

describe('sealing and opening a packet', () => {
  let sender: { publicKey: KeyLike; privateKey: KeyLike };
  let other: { publicKey: KeyLike; privateKey: KeyLike };
  let recipient: { publicKey: KeyLike; privateKey: KeyLike };
  beforeAll(async () => {
    sender = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    recipient = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
  });

  const seal = (m: Message, signer = sender.privateKey, kid = 'de-mh-sig-1') =>
    sealMessage(m, { kid, privateKey: signer }, { kid: 'ro-adpare-enc-1', publicKey: recipient.publicKey });
  const open = (packet: string, opts: { revoked?: boolean; seen?: Set<string>; now?: number } = {}) => {
    const seen = opts.seen ?? new Set<string>();
    return openMessage(packet, {
      decryptionKeys: (kid) => (kid === 'ro-adpare-enc-1' ? recipient.privateKey : undefined),
      signingKey: (kid) =>
        kid === 'de-mh-sig-1' ? { key: sender.publicKey, revoked: opts.revoked ?? false } : undefined,
      seen: (id) => seen.has(id) || (seen.add(id), false),
      now: opts.now,
    });
  };
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      if (err instanceof ReferralError) return err.code;
      throw err;
    }
    return 'opened';
  };

  it('opens what it sealed; the outer header names only the recipient’s key, nothing of the person', async () => {
    const packet = await seal(SAMPLES.referral);
    expect(await open(packet)).toEqual(SAMPLES.referral);
    const header = JSON.parse(Buffer.from(packet.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    expect(Object.keys(header).sort()).toEqual(['alg', 'cty', 'enc', 'epk', 'kid']);
    // Besides the ephemeral public key, the header holds the algorithms, the recipient's key id and the content type.
    expect([header.alg, header.enc, header.kid, header.cty]).toEqual([
      'ECDH-ES+A256KW',
      'A256GCM',
      'ro-adpare-enc-1',
      'waymark-referral+jws',
    ]);
    const ciphertext = Buffer.from(packet.split('.')[3], 'base64url').toString('latin1');
    for (const plain of ['"code":"P1"', 'assisted-return', 'mh-heilbronn']) expect(ciphertext).not.toContain(plain);
  });

  it('refuses replays, expired messages, unknown and revoked keys, bad signatures, tampering and oversized packets', async () => {
    const packet = await seal(SAMPLES.ack);
    const seen = new Set<string>();
    expect(await refusal(open(packet, { seen }))).toBe('opened');
    expect(await refusal(open(packet, { seen }))).toBe('replayed');
    expect(await refusal(open(packet, { now: Date.now() + 2 * HOUR }))).toBe('expired');
    expect(await refusal(open(packet, { revoked: true }))).toBe('revoked_key');
    expect(await refusal(open(await seal(SAMPLES.ack, sender.privateKey, 'nobody-1')))).toBe('unknown_key');
    // Signed by another key under the partner's key id: the signature does not verify.
    expect(await refusal(open(await seal(SAMPLES.ack, other.privateKey)))).toBe('bad_signature');
    const parts = packet.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    parts[3] = flipped.toString('base64url');
    expect(await refusal(open(parts.join('.')))).toBe('undecryptable');
    expect(await refusal(open('x'.repeat(MAX_PACKET_BYTES + 1)))).toBe('too_large');
    expect(await refusal(open('not a packet'))).toBe('undecryptable');
    // A badly formed message is refused before it is signed, naming the field.
    await expect(seal({ ...SAMPLES.status, body: { status: 'lost' } } as never)).rejects.toMatchObject({
      code: 'invalid_message',
      fields: [{ field: 'body.status', reason: 'person-arrived or closed' }],
    });
  });
});
