import { AppStack } from '../support/stack';

const DEST = 'mh-heilbronn';
const ORIGIN = 'adpare';
const CONSULATE = 'ro-consulate-stuttgart';
const IOM = 'iom-germany';
const STORY = 'She was made to work nights to pay a debt (matrix story)';

/**
 * Who sees what, field by field, through the real API, worker, Temporal and PostgreSQL: a note about the person in
 * the protection compartment is her story, which the origin NGO reads only under a consent naming it for the story
 * (withdrawal hides it again at once); break-glass opens what consent withholds for a limited time, tells the lead
 * and ends; the access report lists who could and who did read.
 */
describe('data protection: fields, consent, break-glass and the access report', () => {
  const stack = new AppStack('data-protection');
  const t = {} as Record<'dest' | 'coord' | 'origin' | 'consul' | 'iom' | 'dpo', string>;
  let caseId: string;

  beforeAll(async () => {
    await stack.start();
    t.dest = await stack.token(DEST, ['ngo-caseworker'], 'dest-1');
    t.coord = await stack.token(DEST, ['ngo-coordinator'], 'coord-1');
    t.origin = await stack.token(ORIGIN, ['ngo-caseworker'], 'origin-1');
    t.consul = await stack.token(CONSULATE, ['consular-officer'], 'consul-1');
    t.iom = await stack.token(IOM, ['return-officer'], 'iom-1');
    t.dpo = await stack.token(ORIGIN, ['data-protection-officer'], 'dpo-1');
    const started = await stack.http('POST', '/cases', {
      token: t.dest,
      body: {
        sop: 'assisted-return',
        input: { isMinor: false, plannedReturnDate: '2031-01-15', returnCountry: 'RO', nationality: 'RO' },
      },
    });
    expect(started.status).toBe(201);
    caseId = started.body.caseId;
    const note = await stack.http('POST', `/cases/${caseId}/notes`, {
      token: t.dest,
      body: { compartment: 'protection', text: STORY },
    });
    expect(note.status).toBe(201);
  });
  afterAll(() => stack.stop());

  const read = async (token: string) => {
    const res = await stack.http('GET', `/cases/${caseId}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const consent = async (scope: string[]) => {
    const res = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: t.dest,
      body: { purpose: 'sharing', sharedWithAgency: ORIGIN, scope, form: 'written', givenBy: 'person' },
    });
    expect(res.status).toBe(201);
    return res.body.consentId as string;
  };
  const noteOf = (body: any) => (body.compartments.protection as any[]).find((r) => r.source === 'note');

  it('keeps the return from the origin-country agencies, lists and reads, until a consent names them', async () => {
    const listed = async (token: string) =>
      ((await stack.http('GET', '/cases?limit=100', { token })).body.items as { caseId: string }[]).some(
        (c) => c.caseId === caseId,
      );
    for (const token of [t.origin, t.consul]) {
      expect((await stack.http('GET', `/cases/${caseId}`, { token })).status).toBe(404);
      expect(await listed(token)).toBe(false);
    }
    // The return agency in the destination country is not hidden: it sees the case (and its intake only).
    expect(await listed(t.iom)).toBe(true);
    const consulate = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: t.dest,
      body: { purpose: 'sharing', sharedWithAgency: CONSULATE, scope: ['identity'], form: 'verbal', givenBy: 'person' },
    });
    expect(consulate.status).toBe(201);
    expect((await stack.http('GET', `/cases/${caseId}`, { token: t.consul })).status).toBe(200);
    expect(await listed(t.consul)).toBe(true);
    expect(await listed(t.origin)).toBe(false);
  });

  it('shows the origin NGO the note withheld (no consent) until a consent names it for the story, and again after withdrawal', async () => {
    // Needs and risks only: the protection compartment opens, the story in it does not.
    await consent(['identity', 'needs-and-risks']);
    const before = await read(t.origin);
    expect(noteOf(before).data).toEqual({});
    expect(noteOf(before).withheld).toEqual([{ field: 'text', category: 'story', reason: 'no-consent' }]);
    expect(JSON.stringify(before)).not.toContain(STORY);
    // The writer reads its own note.
    expect(noteOf(await read(t.dest)).data.text).toBe(STORY);

    const story = await consent(['exploitation-form']);
    expect(noteOf(await read(t.origin)).data.text).toBe(STORY);

    const withdrawn = await stack.http('POST', `/cases/${caseId}/consents/${story}/withdraw`, {
      token: t.dest,
      body: { reason: 'She asked that her story stays with the destination NGO' },
    });
    expect(withdrawn.status).toBe(200);
    const after = await read(t.origin);
    expect(noteOf(after).withheld).toEqual([{ field: 'text', category: 'story', reason: 'no-consent' }]);
    expect(JSON.stringify(after)).not.toContain(STORY);
  });

  it('opens with a consent given for one person only that person’s data, not another person’s in the same case', async () => {
    const P1_STORY = 'P1 was recruited by an agency abroad (matrix story one)';
    const P2_STORY = 'P2 worked off a debt in the fields (matrix story two)';
    for (const [subject, text] of [
      ['P1', P1_STORY],
      ['P2', P2_STORY],
    ]) {
      const note = await stack.http('POST', `/cases/${caseId}/notes`, {
        token: t.dest,
        body: { compartment: 'protection', text, subject },
      });
      expect(note.status).toBe(201);
    }
    const given = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: t.dest,
      body: {
        purpose: 'sharing',
        sharedWithAgency: ORIGIN,
        subject: 'P1',
        notForFamily: true,
        scope: ['identity', 'exploitation-form'],
        form: 'written',
        givenBy: 'person',
      },
    });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ subject: 'P1', notForFamily: true });
    const seen = await read(t.origin);
    const notes = (seen.compartments.protection as any[]).filter((r) => r.source === 'note' && r.subject);
    expect(notes.find((r) => r.subject === 'P1').data.text).toBe(P1_STORY);
    expect(notes.find((r) => r.subject === 'P2').withheld).toEqual([
      { field: 'text', category: 'story', reason: 'no-consent' },
    ]);
    expect(JSON.stringify(seen)).not.toContain(P2_STORY);
    const bad = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: t.dest,
      body: {
        purpose: 'sharing',
        sharedWithAgency: ORIGIN,
        subject: 'Maria R',
        scope: ['identity'],
        form: 'written',
        givenBy: 'person',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0].field).toBe('subject');
    expect(JSON.stringify(bad.body)).not.toContain('Maria');
    await stack.http('POST', `/cases/${caseId}/consents/${given.body.consentId}/withdraw`, {
      token: t.dest,
      body: { reason: 'withdrawn for the matrix' },
    });
    expect(JSON.stringify(await read(t.origin))).not.toContain(P1_STORY);
  });

  it('break-glass: refuses bad input naming the field, opens identity and the return to the return agency for a while, tells the lead, ends', async () => {
    expect(Object.keys((await read(t.iom)).compartments)).toEqual(['intake']);
    const bad = await stack.http('POST', `/cases/${caseId}/break-glass`, {
      token: t.iom,
      body: { reason: ' ', minutes: 5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((e: { field: string }) => e.field).sort()).toEqual(['minutes', 'reason']);

    const opened = await stack.http('POST', `/cases/${caseId}/break-glass`, {
      token: t.iom,
      headers: { 'idempotency-key': 'break-glass-iom-1' },
      body: { reason: 'The person did not come to the flight: imminent danger', minutes: 60 },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ agencyId: IOM, active: true });
    // The same request again does no harm twice: the same grant comes back.
    const again = await stack.http('POST', `/cases/${caseId}/break-glass`, {
      token: t.iom,
      headers: { 'idempotency-key': 'break-glass-iom-1' },
      body: { reason: 'The person did not come to the flight: imminent danger', minutes: 60 },
    });
    expect(again.body.grantId).toBe(opened.body.grantId);
    const grantId: string = opened.body.grantId;
    // Identity and the return open (consent-conditioned reads); protection stays closed (no rule lets the consulate).
    expect(Object.keys((await read(t.iom)).compartments).sort()).toEqual(['identity', 'intake', 'return']);

    const notices = await stack.http('GET', '/notifications', { token: t.coord });
    const notice = (notices.body.items as any[]).find((n) => n.kind === 'break-glass' && n.caseId === caseId);
    expect(notice?.detail).toMatchObject({ grantId, agencyId: IOM });
    expect(JSON.stringify(notice)).not.toContain('imminent danger');
    // Every participant sees that the grant exists; the reason only the lead and the grant's agency.
    const listed = await stack.http('GET', `/cases/${caseId}/break-glass`, { token: t.origin });
    expect(listed.body.items).toEqual([expect.objectContaining({ grantId, active: true })]);
    expect(listed.body.items[0].reason).toBeUndefined();

    const ended = await stack.http('POST', `/cases/${caseId}/break-glass/${grantId}/end`, { token: t.coord });
    expect([ended.status, ended.body.active]).toEqual([200, false]);
    expect(Object.keys((await read(t.iom)).compartments)).toEqual(['intake']);
    const twice = await stack.http('POST', `/cases/${caseId}/break-glass/${grantId}/end`, { token: t.coord });
    expect(twice.status).toBe(409);
  });

  it('takes a consent naming a kind of agency, until a date; refuses a past date, an absent kind or both recipients', async () => {
    const post = (body: Record<string, unknown>) =>
      stack.http('POST', `/cases/${caseId}/consents`, {
        token: t.dest,
        body: { purpose: 'sharing', scope: ['identity'], form: 'written', givenBy: 'person', ...body },
      });
    const refused = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      return [...new Set((res.body.fields as { field: string }[]).map((f) => f.field))];
    };
    expect(await refused({ sharedWithKind: 'return-agency', validUntil: '2020-01-01' })).toEqual(['validUntil']);
    expect(await refused({ sharedWithKind: 'police' })).toEqual(['sharedWithKind']);
    expect(await refused({ sharedWithKind: 'return-agency', sharedWithAgency: IOM })).toEqual(['sharedWithKind']);
    expect(await refused({})).toEqual(['sharedWithAgency']);

    expect(Object.keys((await read(t.iom)).compartments)).toEqual(['intake']);
    const until = new Date(Date.now() + 30 * 864e5).toISOString();
    const byKind = await post({ sharedWithKind: 'return-agency', validUntil: until });
    expect(byKind.status).toBe(201);
    expect(byKind.body).toMatchObject({ sharedWithAgency: null, sharedWithKind: 'return-agency', status: 'active' });
    expect(Object.keys((await read(t.iom)).compartments).sort()).toEqual(['identity', 'intake']);
    const withdrawn = await stack.http('POST', `/cases/${caseId}/consents/${byKind.body.consentId}/withdraw`, {
      token: t.dest,
      body: { reason: 'test' },
    });
    expect(withdrawn.status).toBe(200);
    expect(Object.keys((await read(t.iom)).compartments)).toEqual(['intake']);

    // A consent naming the kind of an origin-country agency's slot lets it know the case, as one naming it does.
    const other = await stack.http('POST', '/cases', {
      token: t.dest,
      body: { sop: 'assisted-return', input: { isMinor: false, plannedReturnDate: '2031-02-01', returnCountry: 'RO' } },
    });
    expect(other.status).toBe(201);
    const otherId = other.body.caseId as string;
    const listedTo = async (token: string) =>
      ((await stack.http('GET', '/cases?limit=200', { token })).body.items as { caseId: string }[]).some(
        (c) => c.caseId === otherId,
      );
    expect((await stack.http('GET', `/cases/${otherId}`, { token: t.consul })).status).toBe(404);
    const consulates = await stack.http('POST', `/cases/${otherId}/consents`, {
      token: t.dest,
      body: {
        purpose: 'sharing',
        sharedWithKind: 'consulate',
        scope: ['identity'],
        form: 'written',
        givenBy: 'person',
      },
    });
    expect(consulates.status).toBe(201);
    expect((await stack.http('GET', `/cases/${otherId}`, { token: t.consul })).status).toBe(200);
    expect(await listedTo(t.consul)).toBe(true);
    expect(await listedTo(t.origin)).toBe(false);
    await stack.http('POST', `/cases/${otherId}/consents/${consulates.body.consentId}/withdraw`, {
      token: t.dest,
      body: { reason: 'test' },
    });
    expect((await stack.http('GET', `/cases/${otherId}`, { token: t.consul })).status).toBe(404);
    expect(await listedTo(t.consul)).toBe(false);
  });

  it('reports who could see which categories and who did read, to the lead and data-protection officers only', async () => {
    expect((await stack.http('GET', `/cases/${caseId}/access-report`, { token: t.iom })).status).toBe(403);
    expect((await stack.http('GET', `/cases/${caseId}/access-report`, { token: t.dest })).status).toBe(403);
    for (const token of [t.coord, t.dpo]) {
      const res = await stack.http('GET', `/cases/${caseId}/access-report`, { token });
      expect(res.status).toBe(200);
      const origin = (res.body.agencies as any[]).find((a) => a.agencyId === ORIGIN);
      expect(origin).toMatchObject({ slot: 'origin-ngo', kind: 'ngo', lead: false });
      expect(origin.compartments).toMatchObject({ protection: 'read', identity: 'read' });
      expect(origin.categories).toMatchObject({ story: 'no-consent', counselling: 'readable' });
      const iom = (res.body.agencies as any[]).find((a) => a.agencyId === IOM);
      expect(iom.compartments).toMatchObject({ identity: 'needs-consent', protection: 'no' });
      expect(
        res.body.consents.map((c: any) => [c.sharedWithAgency, c.scope.join('+'), c.withdrawnAt === null]),
      ).toEqual([
        [CONSULATE, 'identity', true],
        [ORIGIN, 'identity+needs-and-risks', true],
        [ORIGIN, 'exploitation-form', false],
        [ORIGIN, 'identity+exploitation-form', false],
        [null, 'identity', false],
      ]);
      expect(res.body.breakGlass).toEqual([
        expect.objectContaining({ agencyId: IOM, active: false, reason: expect.stringContaining('danger') }),
      ]);
      const readers = new Set((res.body.reads as any[]).map((r) => r.agencyId));
      expect([...readers].sort()).toEqual(expect.arrayContaining([CONSULATE, DEST, IOM, ORIGIN]));
      const originRead = (res.body.reads as any[]).find((r) => r.agencyId === ORIGIN);
      expect(originRead.compartments).toEqual(expect.arrayContaining(['intake', 'protection']));
    }
  });
});
