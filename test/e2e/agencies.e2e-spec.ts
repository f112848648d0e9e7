import { AppStack } from '../support/stack';

/** Agencies and memberships: the SOPs' example agencies are seeded; administrators manage agencies and people. */
describe('agencies and memberships', () => {
  const stack = new AppStack('agencies');
  beforeAll(() => stack.startApi());
  afterAll(() => stack.stop());

  it('lists the seeded agencies of the three SOPs', async () => {
    const token = await stack.token('venice-cau', ['coordinator']);
    const res = await stack.http('GET', '/agencies', { token });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'venice-cau',
        'venice-labour-inspectorate',
        'sicar-cat',
        'mossos-thb-unit',
        'adpare',
        'mh-heilbronn',
      ]),
    );
    expect(res.body.items.find((a: { id: string }) => a.id === 'venice-cau')).toMatchObject({
      kind: 'municipality',
      country: 'IT',
    });
  });

  it('lets a platform admin register an agency, with field errors and clear 403 and 409 answers', async () => {
    const admin = await stack.token('waymark-ops', ['platform-admin']);
    const worker = await stack.token('venice-cau', ['social-worker']);
    const body = { id: `e2e-shelter-${process.pid}`, name: 'Shelter', kind: 'shelter', country: 'IT' };
    const denied = await stack.http('POST', '/agencies', { token: worker, body });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('platform-admin');
    const bad = await stack.http('POST', '/agencies', {
      token: admin,
      body: { ...body, kind: 'bakery', country: 'Italy' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['country', 'kind']);
    expect((await stack.http('POST', '/agencies', { token: admin, body })).status).toBe(201);
    expect((await stack.http('POST', '/agencies', { token: admin, body })).status).toBe(409);
  });

  it("lets an agency's administrator set its people's roles, and nobody else's", async () => {
    const agencyAdmin = await stack.token('sicar-cat', ['agency-admin']);
    const put = await stack.http('PUT', '/agencies/sicar-cat/members/nuria', {
      token: agencyAdmin,
      body: { roles: ['ngo-professional'] },
    });
    expect(put.status).toBe(200);
    const members = await stack.http('GET', '/agencies/sicar-cat/members', { token: agencyAdmin });
    // Other specs' people of this agency are on the list too (the guard records whoever signs in).
    const nuria = members.body.items.filter((m: { sub: string }) => m.sub === 'nuria');
    expect(nuria).toEqual([expect.objectContaining({ sub: 'nuria', roles: ['ngo-professional'] })]);
    const other = await stack.http('GET', '/agencies/mossos-thb-unit/members', { token: agencyAdmin });
    expect(other.status).toBe(403);
    const missing = await stack.http('GET', '/agencies/no-such-agency/members', { token: agencyAdmin });
    expect(missing.status).toBe(404);
  });
});
