import {
  MAX_PACKET_BYTES,
  REFERRAL_PROTOCOL,
  openMessage,
  sealMessage,
  type Message,
  type MessageType,
} from '@waymark/referral';
import { exportJWK, generateKeyPair, importJWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

const SELF = 'e2e-referral-self';
const FORGER = 'e2e-referral-partner';
const DEST = 'mh-heilbronn';
const ORIGIN = 'adpare';
const HOUR = 3_600_000;

/**
 * The referral protocol through the real API, worker, Temporal and PostgreSQL. One deployment registered as its own
 * partner walks a referral through every state (the two-deployment walk is `npm run referral:demo`, run by
 * referral-demo.e2e-spec.ts); a partner whose keys the test holds sends the receiving endpoint every kind of bad
 * packet, each refused with its code.
 */
describe('cross-border referral: the protocol on one deployment', () => {
  const stack = new AppStack('referral-inbox', {
    REFERRAL_DEPLOYMENT_ID: SELF,
    REFERRAL_RETRY_MAX_SECONDS: '2',
    REFERRAL_ACK_TARGET_SECONDS: '5',
  });
  const t = {} as Record<'admin' | 'dest' | 'origin', string>;
  let own: { kid: string; use: string; jwk: any }[];
  // The test's partner: it signs and decrypts with these.
  const partner = {} as { sig: KeyLike; sigPub: any; enc: KeyLike; encPub: any; oldSig: KeyLike; oldSigPub: any };

  beforeAll(async () => {
    await stack.start();
    t.admin = await stack.token('platform', ['platform-admin'], 'referral-admin');
    t.dest = await stack.token(DEST, ['ngo-caseworker'], 'referral-dest');
    t.origin = await stack.token(ORIGIN, ['ngo-caseworker'], 'referral-origin');
    const keys = await stack.http('GET', '/referral/keys');
    expect(keys.status).toBe(200);
    expect(keys.body.deployment).toBe(SELF);
    own = keys.body.keys;
    for (const [name, alg, crv] of [
      ['sig', 'EdDSA', 'Ed25519'],
      ['oldSig', 'EdDSA', 'Ed25519'],
      ['enc', 'ECDH-ES+A256KW', 'X25519'],
    ] as const) {
      const pair = await generateKeyPair(alg, { crv, extractable: true });
      (partner as any)[name] = pair.privateKey;
      (partner as any)[`${name}Pub`] = await exportJWK(pair.publicKey);
    }
  });
  afterAll(() => stack.stop());

  const register = (id: string, body: object) =>
    stack.http('POST', '/referral/partners', { token: t.admin, body: { id, ...body } });
  /** The person's written consent to share their identity with the origin NGO of this deployment as a partner. */
  const consentToPartner = (caseId: string) =>
    stack.http('POST', `/cases/${caseId}/consents`, {
      token: t.dest,
      body: {
        purpose: 'sharing',
        sharedWithPartner: `${SELF}/${ORIGIN}`,
        scope: ['identity'],
        form: 'written',
        givenBy: 'person',
      },
    });

  describe('a referral to itself, through every state', () => {
    let caseId: string;
    let consentId: string;
    let referralId: string;
    const FIELDS = { referralSource: 'ngo', identificationStatus: 'presumed', isMinor: false, hostCountry: 'DE' };

    it('registers itself as a partner; only a platform admin may', async () => {
      const body = {
        name: 'This deployment',
        country: 'DE',
        baseUrl: stack.apiUrl,
        // As GET /referral/keys lists them (with their status, which the directory ignores).
        keys: own,
        accepts: [{ agency: ORIGIN, sops: ['shelter-admission'] }],
      };
      const notAdmin = await stack.http('POST', '/referral/partners', { token: t.dest, body: { id: SELF, ...body } });
      expect(notAdmin.status).toBe(403);
      const bad = await register(SELF, { ...body, keys: [{ kid: 'x', use: 'sig', jwk: { kty: 'RSA' } }] });
      expect(bad.status).toBe(400);
      expect(bad.body.fields[0].field).toBe('keys.0.jwk');
      const res = await register(SELF, body);
      expect(res.status).toBe(200);
      expect(res.body.keys).toHaveLength(2);
    });

    it('sends only under a consent naming the partner agency, and only the receiving intake', async () => {
      const started = await stack.http('POST', '/cases', {
        token: t.dest,
        body: {
          sop: 'assisted-return',
          input: { isMinor: false, plannedReturnDate: '2031-01-15', returnCountry: 'RO' },
        },
      });
      expect(started.status).toBe(201);
      caseId = started.body.caseId;
      const badConsent = await stack.http('POST', `/cases/${caseId}/consents`, {
        token: t.dest,
        body: {
          purpose: 'sharing',
          sharedWithPartner: `${SELF}/nobody`,
          scope: ['identity'],
          form: 'written',
          givenBy: 'person',
        },
      });
      expect(badConsent.status).toBe(400);
      expect(badConsent.body.fields[0].field).toBe('sharedWithPartner');
      const consent = await consentToPartner(caseId);
      expect(consent.status).toBe(201);
      expect(consent.body.sharedWithPartner).toBe(`${SELF}/${ORIGIN}`);
      consentId = consent.body.consentId;
      const send = (body: Record<string, unknown>) =>
        stack.http('POST', `/cases/${caseId}/referrals`, {
          token: t.dest,
          body: {
            partner: SELF,
            agency: ORIGIN,
            sop: 'shelter-admission',
            consentId,
            personCode: 'P1',
            fields: FIELDS,
            ...body,
          },
        });
      const extra = await send({ fields: { ...FIELDS, fullName: 'Not Sent' } });
      expect(extra.status).toBe(400);
      expect(extra.body.fields.map((f: any) => f.field)).toContain('fields.fullName');
      expect(JSON.stringify(extra.body)).not.toContain('Not Sent');
      const otherSop = await send({ sop: 'hotline-intake' });
      expect(otherSop.status).toBe(400);
      expect(otherSop.body.fields[0].field).toBe('agency');
      const sent = await send({});
      expect(sent.status).toBe(201);
      expect(sent.body.state).toBe('sending');
      referralId = sent.body.referralId;
    });

    it('is acknowledged, shows in the receiving agency’s list with the fields, and is accepted', async () => {
      await waitFor('the acknowledgement', async () => {
        const res = await stack.http('GET', `/cases/${caseId}/referrals`, { token: t.dest });
        return res.body.items[0]?.state === 'received' ? true : undefined;
      });
      const list = await stack.http('GET', '/referrals/incoming', { token: t.origin });
      const item = list.body.items.find((i: any) => i.referralId === referralId);
      expect(item).toMatchObject({
        state: 'received',
        from: { deployment: SELF, agency: DEST },
        sop: 'shelter-admission',
      });
      expect(Date.parse(item.decisionDueAt)).toBeGreaterThan(Date.now());
      // The receiving agency is told at once, before any case exists: ids only, the packet's fields stay sealed.
      const notices = await stack.http('GET', '/notifications', { token: t.origin });
      const arrived = notices.body.items.filter((n: any) => n.kind === 'referral-received');
      expect(arrived).toEqual([
        expect.objectContaining({ caseId: null, sop: 'shelter-admission', detail: { referralId, partner: SELF } }),
      ]);
      expect((await stack.http('GET', `/referrals/incoming/${referralId}`, { token: t.dest })).status).toBe(404);
      const one = await stack.http('GET', `/referrals/incoming/${referralId}`, { token: t.origin });
      expect(one.body.fields).toEqual(FIELDS);
      const noReason = await stack.http('POST', `/referrals/incoming/${referralId}/decision`, {
        token: t.origin,
        body: { decision: 'declined' },
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.fields[0].field).toBe('reason');
      const accepted = await stack.http('POST', `/referrals/incoming/${referralId}/decision`, {
        token: t.origin,
        body: { decision: 'accepted' },
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.state).toBe('accepted');
      const linked = await stack.http('GET', `/cases/${accepted.body.caseId}`, { token: t.origin });
      expect(linked.status).toBe(200);
      expect(linked.body.sop).toBe('shelter-admission');
      // The case says where it came from: the referral, the partner and the consent (ids only).
      expect(linked.body.timeline).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'referral-accepted', detail: expect.objectContaining({ referralId }) }),
        ]),
      );
      await waitFor('the sender to hear of the acceptance', async () => {
        const res = await stack.http('GET', `/cases/${caseId}/referrals`, { token: t.dest });
        return res.body.items[0]?.state === 'accepted' ? true : undefined;
      });
    });

    it('follows up, and a withdrawn consent erases what was received, confirmed back', async () => {
      const arrived = await stack.http('POST', `/referrals/incoming/${referralId}/status`, {
        token: t.origin,
        body: { status: 'person-arrived' },
      });
      expect(arrived.status).toBe(200);
      await waitFor('the follow-up at the sender', async () => {
        const res = await stack.http('GET', `/cases/${caseId}/referrals`, { token: t.dest });
        return res.body.items[0]?.state === 'person-arrived' ? true : undefined;
      });
      const linkedCaseId = (await stack.http('GET', `/referrals/incoming/${referralId}`, { token: t.origin })).body
        .caseId;
      const withdrawn = await stack.http('POST', `/cases/${caseId}/consents/${consentId}/withdraw`, {
        token: t.dest,
        body: { reason: 'changed her mind' },
      });
      expect(withdrawn.status).toBeLessThan(300);
      const sender = await waitFor('the withdrawal confirmation', async () => {
        const res = await stack.http('GET', `/cases/${caseId}/referrals`, { token: t.dest });
        return res.body.items[0]?.state === 'withdrawn' ? res.body.items[0] : undefined;
      });
      expect(sender.history.map((h: any) => h.state)).toEqual([
        'sending',
        'received',
        'accepted',
        'person-arrived',
        'withdrawal-sent',
        'withdrawn',
      ]);
      const received = await stack.http('GET', `/referrals/incoming/${referralId}`, { token: t.origin });
      expect(received.body).toMatchObject({ state: 'withdrawn', fields: null });
      expect((await stack.http('GET', `/cases/${linkedCaseId}`, { token: t.origin })).status).toBe(410);
      const notices = await stack.http('GET', '/notifications', { token: t.dest });
      const kinds = (notices.body.items as any[]).filter((n) => n.caseId === caseId).map((n) => n.kind);
      expect(kinds).toEqual(expect.arrayContaining(['referral-decision', 'referral-status', 'referral-withdrawn']));
    });
  });

  it('erasing the sending case withdraws what it referred abroad: the partner erases it and confirms', async () => {
    const started = await stack.http('POST', '/cases', {
      token: t.dest,
      body: { sop: 'assisted-return', input: { isMinor: false, plannedReturnDate: '2031-03-01', returnCountry: 'RO' } },
    });
    const caseId = started.body.caseId as string;
    const consent = await consentToPartner(caseId);
    const sent = await stack.http('POST', `/cases/${caseId}/referrals`, {
      token: t.dest,
      body: {
        partner: SELF,
        agency: ORIGIN,
        sop: 'shelter-admission',
        consentId: consent.body.consentId,
        personCode: 'P1',
        fields: { referralSource: 'ngo', identificationStatus: 'pending', isMinor: false },
      },
    });
    expect(sent.status).toBe(201);
    const referralId = sent.body.referralId as string;
    await waitFor('the referral to arrive', async () => {
      const res = await stack.http('GET', `/referrals/incoming/${referralId}`, { token: t.origin });
      return res.status === 200 ? true : undefined;
    });
    const dpo = await stack.token(DEST, ['data-protection-officer'], 'referral-dpo');
    const erased = await stack.http('POST', `/cases/${caseId}/erase`, {
      token: dpo,
      body: { reason: 'asked to be forgotten' },
    });
    expect(erased.status).toBe(200);
    const received = await waitFor('the withdrawal at the partner', async () => {
      const res = await stack.http('GET', `/referrals/incoming/${referralId}`, { token: t.origin });
      return res.body.state === 'withdrawn' ? res.body : undefined;
    });
    expect(received.fields).toBeNull();
  });

  describe('the receiving endpoint refuses bad packets with their code', () => {
    const ownEnc = () => own.find((k) => k.use === 'enc')!;
    let ownEncKey: KeyLike | Uint8Array;
    let ownSigKey: KeyLike | Uint8Array;

    beforeAll(async () => {
      ownEncKey = await importJWK(ownEnc().jwk, 'ECDH-ES+A256KW');
      ownSigKey = await importJWK(own.find((k) => k.use === 'sig')!.jwk, 'EdDSA');
      const res = await register(FORGER, {
        name: 'A partner the test plays',
        country: 'RO',
        baseUrl: 'http://127.0.0.1:9',
        keys: [
          { kid: 'partner-sig', use: 'sig', jwk: partner.sigPub },
          { kid: 'partner-old-sig', use: 'sig', jwk: partner.oldSigPub },
          { kid: 'partner-enc', use: 'enc', jwk: partner.encPub },
        ],
        accepts: [{ agency: DEST, sops: ['shelter-admission'] }],
      });
      expect(res.status).toBe(200);
      const revoked = await stack.http('POST', `/referral/partners/${FORGER}/keys/partner-old-sig/revoke`, {
        token: t.admin,
      });
      expect(revoked.status).toBe(200);
    });

    const referral = (over: Partial<Message<'referral'>> = {}): Message<'referral'> => ({
      protocol: REFERRAL_PROTOCOL,
      type: 'referral',
      messageId: randomUUID(),
      referralId: randomUUID(),
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + HOUR).toISOString(),
      from: { deployment: FORGER, agency: 'partner-ngo' },
      to: { deployment: SELF, agency: ORIGIN },
      body: {
        sop: 'shelter-admission',
        purpose: 'sharing',
        consent: { consentId: randomUUID(), purpose: 'sharing', scope: ['identity'] },
        person: { code: 'P1' },
        fields: { referralSource: 'ngo', identificationStatus: 'pending', isMinor: false },
      },
      ...over,
    });
    const seal = (
      m: Message,
      signer: { kid: string; privateKey: KeyLike } = { kid: 'partner-sig', privateKey: partner.sig },
    ) => sealMessage(m, signer, { kid: ownEnc().kid, publicKey: ownEncKey });
    const post = (packet: unknown) => stack.http('POST', '/referral/inbox', { body: { packet } });

    it('takes a good packet and answers with a signed acknowledgement; a resend gets the same one', async () => {
      const m = referral();
      const res = await post(await seal(m));
      expect(res.status).toBe(200);
      const ack = await openMessage(res.body.packet, {
        decryptionKeys: () => partner.enc,
        signingKey: () => ({ key: ownSigKey, revoked: false }),
        seen: () => false,
      });
      expect(ack.type as MessageType).toBe('ack');
      expect((ack.body as any).ofMessageId).toBe(m.messageId);
      const again = await post(await seal(m));
      expect(again.status).toBe(200);
      expect(again.headers.get('x-referral-duplicate')).toBe('true');
      expect(again.body.packet).toBe(res.body.packet);
    });

    it('refuses the same bytes again as a replay', async () => {
      const packet = await seal(referral());
      expect((await post(packet)).status).toBe(200);
      const replay = await post(packet);
      expect(replay.status).toBe(409);
      expect(replay.body.error).toBe('replayed');
    });

    it.each([
      [
        'an unknown signing key',
        'unknown_key',
        async () => seal(referral(), { kid: 'nobody', privateKey: partner.sig }),
      ],
      [
        'a revoked signing key',
        'revoked_key',
        async () => seal(referral(), { kid: 'partner-old-sig', privateKey: partner.oldSig }),
      ],
      [
        'a signature by another key',
        'bad_signature',
        async () => seal(referral(), { kid: 'partner-sig', privateKey: partner.oldSig }),
      ],
      [
        'a sender other than the signer',
        'bad_signature',
        async () => seal(referral({ from: { deployment: SELF, agency: DEST } })),
      ],
      [
        'an expired message',
        'expired',
        async () => seal(referral({ expiresAt: new Date(Date.now() - 1000).toISOString() })),
      ],
      [
        'a field the receiving intake does not declare',
        'invalid_message',
        async () => {
          const m = referral();
          m.body.fields = { ...m.body.fields, fullName: 'Never Stored' };
          return seal(m);
        },
      ],
      ['a packet that is not a JWE', 'undecryptable', async () => 'not-a-packet'],
      [
        'a packet for a key this deployment does not hold',
        'unknown_key',
        async () => {
          const other = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519' });
          return sealMessage(
            referral(),
            { kid: 'partner-sig', privateKey: partner.sig },
            { kid: 'enc-elsewhere', publicKey: other.publicKey },
          );
        },
      ],
    ])('refuses %s (%s)', async (_what, code, packet) => {
      const res = await post(await packet());
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(code);
      expect(JSON.stringify(res.body)).not.toContain('Never Stored');
    });

    it('rotates its own keys: packets to the previous key still open during the overlap, acks are signed anew', async () => {
      expect((await stack.http('POST', '/referral/keys/rotate', { token: t.dest })).status).toBe(403);
      const rotated = await stack.http('POST', '/referral/keys/rotate', { token: t.admin });
      expect(rotated.status).toBe(200);
      const keys = rotated.body.keys as { kid: string; use: string; status: string; jwk: any }[];
      expect(keys.map((k) => `${k.use}:${k.status}`).sort()).toEqual([
        'enc:active',
        'enc:previous',
        'sig:active',
        'sig:previous',
      ]);
      expect(keys.find((k) => k.use === 'enc' && k.status === 'previous')!.kid).toBe(ownEnc().kid);
      const res = await post(await seal(referral()));
      expect(res.status).toBe(200);
      const newSig = keys.find((k) => k.use === 'sig' && k.status === 'active')!;
      const ack = await openMessage(res.body.packet, {
        decryptionKeys: () => partner.enc,
        signingKey: async (kid) =>
          kid === newSig.kid ? { key: await importJWK(newSig.jwk, 'EdDSA'), revoked: false } : undefined,
        seen: () => false,
      });
      expect(ack.type as MessageType).toBe('ack');
    });

    it('refuses an oversized packet before opening it', async () => {
      const res = await post('x'.repeat(MAX_PACKET_BYTES + 1));
      expect(res.status).toBe(413);
      expect(res.body.error).toBe('too_large');
    });
  });
});
