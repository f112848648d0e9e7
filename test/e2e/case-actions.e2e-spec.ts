import { AppStack } from '../support/stack';

/**
 * Case-level actions through the real API, worker, Temporal and PostgreSQL: only the lead agency's coordinator
 * cancels a case and only its data-protection officer erases it (ACCESS_POLICY.caseActions). In the demo hand-off
 * the referring agency (demo-a, slot a) leads; demo-b takes part but has not been handed the case yet.
 */
describe('case-level actions', () => {
  const stack = new AppStack('case-actions');
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    await stack.start();
    const seats: [string, string, string][] = [
      ['caseworker', 'demo-a', 'caseworker'],
      ['leadSupervisor', 'demo-a', 'supervisor'],
      ['leadDpo', 'demo-a', 'data-protection-officer'],
      ['auditor', 'demo-a', 'auditor'],
      ['operator', 'demo-a', 'operator'],
      ['partnerSupervisor', 'demo-b', 'supervisor'],
      ['partnerCaseworker', 'demo-b', 'caseworker'],
      ['partnerDpo', 'demo-b', 'data-protection-officer'],
      ['outsider', 'venice-cau', 'supervisor'],
    ];
    for (const [name, agency, role] of seats) tokens[name] = await stack.token(agency, [role], name);
  });
  afterAll(() => stack.stop());

  async function openCase(): Promise<string> {
    const res = await stack.http('POST', '/cases', {
      token: tokens.caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(res.status).toBe(201);
    await stack.waitForTask(tokens.caseworker, 'review-intake', res.body.caseId);
    return res.body.caseId;
  }

  const cancel = (token: string, caseId: string) =>
    stack.http('POST', `/cases/${caseId}/cancel`, { token, body: { reason: 'not needed any more' } });
  const erase = (token: string, caseId: string) =>
    stack.http('POST', `/cases/${caseId}/erase`, { token, body: { reason: 'request of the person' } });

  it('serves the case-action rules in GET /policy', async () => {
    const policy = await stack.http('GET', '/policy', { token: tokens.caseworker });
    expect(policy.status).toBe(200);
    expect(policy.body.caseActions.map((r: any) => [r.id, r.actions, r.agency, r.roles])).toEqual([
      ['lead-coordinator-cancels', ['case:cancel'], 'lead', 'lead-coordinators'],
      ['lead-coordinator-changes-participants', ['case:change-participants'], 'lead', 'lead-coordinators'],
      ['lead-coordinator-links-cases', ['case:link'], 'lead', 'lead-coordinators'],
      ['lead-data-protection-erases', ['case:erase'], 'lead', ['data-protection-officer', 'platform-admin']],
    ]);
    const view = async (who: string) =>
      (await stack.http('GET', '/policy?sop=demo-handoff', { token: tokens[who] })).body.view.caseActions;
    expect(await view('leadSupervisor')).toEqual(['case:cancel', 'case:change-participants', 'case:link']);
    expect(await view('partnerSupervisor')).toEqual([]);
  });

  it("refuses a cancellation by anyone but the lead agency's coordinator, and the case keeps running", async () => {
    const caseId = await openCase();
    const needs =
      'Cancelling this case needs one of the roles supervisor, manager of the lead agency (Referring agency)';
    for (const who of ['caseworker', 'auditor', 'operator', 'partnerSupervisor', 'partnerCaseworker']) {
      const res = await cancel(tokens[who], caseId);
      expect([who, res.status, res.body.error, res.body.message]).toEqual([
        who,
        403,
        'forbidden',
        `${needs} (see GET /policy).`,
      ]);
    }
    // An agency outside the case does not learn that it exists.
    const outside = await cancel(tokens.outsider, caseId);
    expect([outside.status, outside.body.error]).toEqual([404, 'not_found']);

    const kase = await stack.http('GET', `/cases/${caseId}`, { token: tokens.caseworker });
    expect(kase.body.status).toBe('open');
    expect(kase.body.state.currentSteps).toEqual(['review-intake']);
    const inbox = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: tokens.caseworker });
    expect(inbox.body.items.map((t: any) => [t.step, t.status])).toEqual([['review-intake', 'open']]);

    const done = await cancel(tokens.leadSupervisor, caseId);
    expect(done.status).toBe(202);
    const closed = await stack.waitForCaseStatus(tokens.caseworker, caseId, 'cancelled');
    expect(closed.endState).toBe('cancelled');
    expect(closed.timeline.map((e: any) => e.kind)).toContain('case-cancelled');
  });

  it('lists in the case view only the actions the policy grants the caller', async () => {
    const caseId = await openCase();
    const actions = async (who: string) =>
      (await stack.http('GET', `/cases/${caseId}`, { token: tokens[who] })).body.allowedActions;
    expect(await actions('caseworker')).toEqual([]);
    expect(await actions('auditor')).toEqual([]);
    expect(await actions('leadSupervisor')).toEqual(['case:cancel', 'case:change-participants', 'case:link']);
    expect(await actions('leadDpo')).toEqual(['case:erase']);
    expect(await actions('partnerSupervisor')).toEqual([]);
    expect(await actions('partnerDpo')).toEqual([]);
  });

  it("refuses an erasure by anyone but the lead agency's data-protection officer", async () => {
    const caseId = await openCase();
    const needs =
      'Erasing this case needs one of the roles data-protection-officer, platform-admin of the lead agency (Referring agency)';
    for (const who of ['partnerDpo', 'leadSupervisor', 'auditor', 'operator', 'caseworker']) {
      const res = await erase(tokens[who], caseId);
      expect([who, res.status, res.body.message]).toEqual([who, 403, `${needs} (see GET /policy).`]);
    }
    expect((await erase(tokens.outsider, caseId)).status).toBe(404);
    expect((await stack.http('GET', `/cases/${caseId}`, { token: tokens.caseworker })).body.status).toBe('open');

    const erased = await erase(tokens.leadDpo, caseId);
    expect([erased.status, erased.body.status]).toEqual([200, 'erased']);
    expect((await stack.http('GET', `/cases/${caseId}`, { token: tokens.caseworker })).status).toBe(410);
  });
});
