import { AppStack } from '../support/stack';

/**
 * Cases linked by hand (POST /cases/:id/links) through the real API, worker, Temporal and PostgreSQL. In the demo
 * hand-off the referring agency (demo-a, slot a) leads: its supervisor links; demo-b takes part in some cases only,
 * and a link never opens a case to an agency that takes no part in it.
 */
describe('linked cases', () => {
  const stack = new AppStack('case-links');
  const OTHER = `links-other-${process.pid}`;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    await stack.start();
    await stack.registerAgency(OTHER, 'demo');
    const seats: [string, string, string][] = [
      ['caseworker', 'demo-a', 'caseworker'],
      ['lead', 'demo-a', 'supervisor'],
      ['auditor', 'demo-a', 'auditor'],
      ['partnerSupervisor', 'demo-b', 'supervisor'],
      ['partner', 'demo-b', 'caseworker'],
      ['other', OTHER, 'supervisor'],
    ];
    for (const [name, agency, role] of seats) tokens[name] = await stack.token(agency, [role], name);
  });
  afterAll(() => stack.stop());

  async function openCase(token = tokens.caseworker, participants?: Record<string, string>): Promise<string> {
    const res = await stack.http('POST', '/cases', {
      token,
      body: { sop: 'demo-handoff', input: { channel: 'referral' }, ...(participants ? { participants } : {}) },
    });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  const link = (token: string, caseId: string, body: unknown, key?: string) =>
    stack.http('POST', `/cases/${caseId}/links`, {
      token,
      body,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  const view = async (token: string, caseId: string) => (await stack.http('GET', `/cases/${caseId}`, { token })).body;

  it('links two cases once, shows the link on both (timeline too), and audits it', async () => {
    const [a, b] = [await openCase(), await openCase()];
    const first = await link(tokens.lead, a, { caseId: b, relation: 'same-family' }, `link-${a}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      caseId: a,
      created: true,
      link: { caseId: b, sop: 'demo-handoff', relation: 'same-family', direction: 'outgoing' },
    });
    // The same request again (same Idempotency-Key) replays; made the other way round, it finds the same link.
    const replay = await link(tokens.lead, a, { caseId: b, relation: 'same-family' }, `link-${a}`);
    expect([replay.status, replay.body]).toEqual([200, first.body]);
    const reverse = await link(tokens.lead, b, { caseId: a, relation: 'same-family' });
    expect([reverse.status, reverse.body.created, reverse.body.link.direction]).toEqual([200, false, 'incoming']);
    // Another relation between the same cases is another link.
    const operation = await link(tokens.lead, b, { caseId: a, relation: 'same-operation' });
    expect([operation.status, operation.body.created]).toEqual([200, true]);

    const shown = (v: any) => v.links.map((l: any) => [l.caseId, l.sop, l.relation, l.direction]);
    expect(shown(await view(tokens.caseworker, a))).toEqual([
      [b, 'demo-handoff', 'same-family', 'outgoing'],
      [b, 'demo-handoff', 'same-operation', 'incoming'],
    ]);
    const listed = await stack.http('GET', `/cases/${b}/links`, { token: tokens.partner });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((l: any) => [l.caseId, l.relation, l.direction])).toEqual([
      [a, 'same-family', 'incoming'],
      [a, 'same-operation', 'outgoing'],
    ]);
    const entries = (v: any) =>
      v.timeline
        .filter((e: any) => e.kind === 'case-linked')
        .map((e: any) => [e.detail.linkedCaseId, e.detail.relation, e.detail.direction]);
    expect(entries(await view(tokens.caseworker, b))).toEqual([
      [a, 'same-family', 'incoming'],
      [a, 'same-operation', 'outgoing'],
    ]);

    const audit = await stack.http('GET', `/audit?caseId=${a}`, { token: tokens.auditor });
    expect(audit.status).toBe(200);
    const linked = audit.body.items.filter((e: any) => e.action === 'api:case-linked');
    expect(linked.map((e: any) => [e.detail.linkedCaseId, e.detail.relation, e.actorSub])).toEqual([
      [b, 'same-family', 'lead'],
    ]);
  });

  it('refuses bad links: 400 naming the field, 409 for the case itself, 404 for a case the caller cannot see', async () => {
    const a = await openCase();
    const hidden = await openCase(tokens.other, { a: OTHER, b: OTHER });
    const fields = (res: any) => res.body.fields.map((f: any) => f.field);

    const relation = await link(tokens.lead, a, { caseId: hidden, relation: 'cousins' });
    expect([relation.status, fields(relation)]).toEqual([400, ['relation']]);
    expect(relation.body.fields[0].reason).toContain('same-operation, same-family');
    const notId = await link(tokens.lead, a, { caseId: 'case-7', relation: 'same-family' });
    expect([notId.status, fields(notId)]).toEqual([400, ['caseId']]);

    const self = await link(tokens.lead, a, { caseId: a, relation: 'same-operation' });
    expect([self.status, self.body.error, self.body.message]).toEqual([
      409,
      'conflict',
      'A case cannot be linked to itself; name another case in caseId.',
    ]);
    // A case of agencies the caller's is not among: as absent as any case it cannot see, whichever side it is on.
    const unseen = await link(tokens.lead, a, { caseId: hidden, relation: 'same-operation' });
    expect([unseen.status, unseen.body.error]).toEqual([404, 'not_found']);
    const fromUnseen = await link(tokens.lead, hidden, { caseId: a, relation: 'same-operation' });
    expect(fromUnseen.status).toBe(404);
    expect((await view(tokens.caseworker, a)).links).toEqual([]);
  });

  it("lets only the lead's coordinator link, and a link opens no case to anyone", async () => {
    const a = await openCase();
    // demo-a leads both; demo-b takes no part in the second case.
    const b = await openCase(tokens.caseworker, { a: 'demo-a', b: OTHER });
    for (const who of ['caseworker', 'auditor', 'partnerSupervisor', 'partner']) {
      const res = await link(tokens[who], a, { caseId: b, relation: 'same-operation' });
      expect([who, res.status]).toEqual([who, 403]);
    }
    const partnerDenied = await link(tokens.partnerSupervisor, a, { caseId: a, relation: 'same-operation' });
    expect([partnerDenied.status, partnerDenied.body.message]).toEqual([
      403,
      'Linking this case needs one of the roles supervisor, manager of the lead agency (Referring agency) (see GET /policy).',
    ]);
    expect((await link(tokens.lead, a, { caseId: b, relation: 'same-operation' })).status).toBe(200);

    // demo-b sees the link on the case it takes part in (the other case's id and SOP only), not the other case.
    const seen = await view(tokens.partner, a);
    expect(seen.links.map((l: any) => Object.keys(l).sort())).toEqual([
      ['at', 'caseId', 'direction', 'relation', 'sop'],
    ]);
    expect(seen.links[0]).toMatchObject({ caseId: b, sop: 'demo-handoff' });
    expect((await stack.http('GET', `/cases/${b}`, { token: tokens.partner })).status).toBe(404);
    expect((await stack.http('GET', `/cases/${b}/links`, { token: tokens.partner })).status).toBe(404);
    // The agency of the other case sees the link from its side.
    expect((await view(tokens.other, b)).links.map((l: any) => [l.caseId, l.direction])).toEqual([[a, 'incoming']]);
  });
});
