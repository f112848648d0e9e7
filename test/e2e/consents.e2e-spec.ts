import { waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/** Consent records of a demo-handoff case (demo-a and demo-b take part) through the real API and PostgreSQL. */
describe('consents', () => {
  const stack = new AppStack('consents');
  let tokenA: string;
  let tokenB: string;
  let caseId: string;

  beforeAll(async () => {
    await stack.start();
    tokenA = await stack.token('demo-a', ['caseworker'], 'alice');
    tokenB = await stack.token('demo-b', ['caseworker'], 'bruno');
    const res = await stack.http('POST', '/cases', {
      token: tokenA,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(res.status).toBe(201);
    caseId = res.body.caseId;
  });
  afterAll(() => stack.stop());

  const consent = {
    purpose: 'sharing',
    sharedWithAgency: 'demo-b',
    scope: ['identity', 'needs-and-risks'],
    form: 'verbal',
    givenBy: 'person',
  };

  it('records a consent and lists it for every agency taking part', async () => {
    const res = await stack.http('POST', `/cases/${caseId}/consents`, { token: tokenA, body: consent });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId,
      purpose: 'sharing',
      sharedWithAgency: 'demo-b',
      scope: ['identity', 'needs-and-risks'],
      form: 'verbal',
      givenBy: 'person',
      recordedBy: { sub: 'alice', agencyId: 'demo-a' },
      status: 'active',
      withdrawnAt: null,
    });
    const list = await stack.http('GET', `/cases/${caseId}/consents`, { token: tokenB });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { consentId: string }) => c.consentId)).toContain(res.body.consentId);
  });

  it('answers 400 naming each bad field', async () => {
    const noAgency = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: tokenA,
      body: { ...consent, sharedWithAgency: undefined },
    });
    expect(noAgency.status).toBe(400);
    expect(noAgency.body.error).toBe('validation_failed');
    expect(noAgency.body.fields.map((f: { field: string }) => f.field)).toContain('sharedWithAgency');

    const badScope = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: tokenA,
      body: { ...consent, scope: ['identity', 'bank-account'] },
    });
    expect(badScope.status).toBe(400);
    expect(badScope.body.fields).toEqual([{ field: 'scope', reason: expect.stringContaining('must contain only') }]);

    const minor = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: tokenA,
      body: { ...consent, personIsMinor: true },
    });
    expect(minor.status).toBe(400);
    expect(minor.body.fields).toEqual([
      { field: 'givenBy', reason: "a minor's consent is given by the guardian or the responsible authority" },
    ]);
    const byGuardian = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: tokenA,
      body: { ...consent, personIsMinor: true, givenBy: 'guardian', form: 'written' },
    });
    expect(byGuardian.status).toBe(201);

    const badId = await stack.http('POST', `/cases/${caseId}/consents/not-a-uuid/withdraw`, {
      token: tokenA,
      body: { reason: 'x' },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.fields).toEqual([{ field: 'consentId', reason: 'must be a UUID' }]);
  });

  it('answers 404 to an agency that does not take part in the case', async () => {
    const outsider = await stack.token('demo-c', ['caseworker'], 'carol');
    const post = await stack.http('POST', `/cases/${caseId}/consents`, { token: outsider, body: consent });
    expect(post.status).toBe(404);
    const get = await stack.http('GET', `/cases/${caseId}/consents`, { token: outsider });
    expect(get.status).toBe(404);
  });

  it('withdraws once, refuses a second withdrawal and notifies the other agency without the reason', async () => {
    const rec = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: tokenA,
      body: { ...consent, purpose: 'return', sharedWithAgency: undefined },
    });
    expect(rec.status).toBe(201);
    const consentId = rec.body.consentId;
    const reason = 'Person said so during the visit on Tuesday';

    const outsider = await stack.token('demo-c', ['caseworker'], 'carol');
    const byOutsider = await stack.http('POST', `/cases/${caseId}/consents/${consentId}/withdraw`, {
      token: outsider,
      body: { reason },
    });
    expect(byOutsider.status).toBe(404);

    const first = await stack.http('POST', `/cases/${caseId}/consents/${consentId}/withdraw`, {
      token: tokenA,
      body: { reason },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ consentId, status: 'withdrawn', withdrawnBySub: 'alice' });
    expect(JSON.stringify(first.body)).not.toContain(reason);

    const second = await stack.http('POST', `/cases/${caseId}/consents/${consentId}/withdraw`, {
      token: tokenA,
      body: { reason },
    });
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).not.toContain(reason);

    const note = await waitFor('consent-withdrawn notification for demo-b', async () => {
      const res = await stack.http('GET', '/notifications', { token: tokenB });
      return (res.body.items as { kind: string; detail: { consentId?: string } }[]).find(
        (n) => n.kind === 'consent-withdrawn' && n.detail.consentId === consentId,
      );
    });
    expect(note).toMatchObject({ caseId, sop: 'demo-handoff', detail: { consentId, purpose: 'return' }, read: false });
    expect(JSON.stringify(note)).not.toContain(reason);
    // The withdrawing agency is not notified of its own act.
    const own = await stack.http('GET', '/notifications', { token: tokenA });
    expect(own.body.items.filter((n: { kind: string }) => n.kind === 'consent-withdrawn')).toEqual([]);
  });
});
