import { waitFor } from '../../libs/devstack/src/ports';
import { canaryForm, canaryIntake } from '../support/canary';
import { AppStack } from '../support/stack';

interface Agent {
  agency: string;
  roles: string[];
  token: string;
}

const DAY = 24 * 3600 * 1000;
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const FORMS: Record<string, Record<string, unknown>> = {
  'assess-return-options': { option: 'return-to-origin', informedOfOptionsAndRights: true },
  'record-consent': {
    consentGiven: true,
    consentForm: 'written',
    shareStory: false,
    shareNeeds: true,
    shareRisks: true,
    sharePickUpDetails: true,
    recordedOn: day(0),
  },
  'refer-to-origin': {
    channel: 'email',
    dataFormat: 'iom-case-data',
    personReferredBy: 'case-code',
    singleContactPerson: true,
  },
  'replan-return-date': { decision: 'confirm-date', reason: 'Origin NGO can receive at short notice.' },
  'request-travel-documents': { documentNeeded: 'temporary-passport' },
  'assess-return-case': {
    decision: 'accepted',
    programme: 'reag',
    assessedBy: 'phone-interview',
    arrivalSupport: true,
  },
  'prepare-person-for-return': {
    phoneSessionsWithOriginNgo: 3,
    optionsAndRightsExplained: true,
    protectionWhileWaiting: 'shelter',
    testimonyDecision: 'not-asked',
  },
  'origin-social-enquiry': {
    enquiryRequestedVia: 'national-anti-trafficking-agency',
    familyTracing: 'traced-and-contacted',
    familySituation: 'supportive',
    translatedAndForwarded: true,
  },
  'assess-return-risk': {
    physicalHealth: 'no-concern',
    emotionalState: 'stable',
    riskFromFamily: 'none',
    riskFromNetwork: 'medium',
    riskBehaviours: 'none',
    overallRisk: 'medium',
    familyReturnSafe: true,
    returnAdvisable: true,
    assessedOn: day(0),
  },
  'draft-reintegration-plan': {
    agreedWithPerson: true,
    destinationInputsReceived: true,
    placementOnArrival: 'family',
    residentialWeeks: 0,
    monitoringMonths: 1,
  },
  'book-travel': { departureDate: day(60), travelMode: 'flight', escort: 'return-agency-escort', fundedBy: 'iom-reag' },
  'arrange-reception': { pickUpPoint: 'airport', receivingTeam: 'origin-ngo', placement: 'family' },
  'confirm-departure': { departedOn: day(60), documentsHandedOver: true, borderPoliceNotified: 'not-required' },
  'confirm-safe-arrival': { arrivedOn: day(60), receivedBy: 'origin-ngo', placedIn: 'family' },
  'follow-up-report': {
    contact: 'home-visit',
    assistancePhase: 'case-management',
    livingSituation: 'family',
    riskChange: 'decreased',
    recommendClosure: true,
  },
  'close-monitoring': { closureReason: 'reintegration-achieved', outcome: 'reintegrated', finalReportSent: true },
};

/** The assisted voluntary return through the real API, worker, Temporal and PostgreSQL, agency by agency. */
describe('assisted-return through the API', () => {
  const stack = new AppStack('assisted-return');
  const agents: Record<string, Agent> = {};
  const setup = [
    ['destCaseworker', 'mh-heilbronn', ['ngo-caseworker']],
    ['destCoordinator', 'mh-heilbronn', ['ngo-coordinator']],
    ['origin', 'adpare', ['ngo-caseworker']],
    ['consul', 'ro-consulate-stuttgart', ['consular-officer']],
    ['iom', 'iom-germany', ['return-officer']],
    ['childAuthority', 'ro-child-protection', ['child-protection-officer']],
    ['outsider', 'other-ngo', ['ngo-caseworker']],
  ] as const;

  beforeAll(async () => {
    await stack.start();
    for (const [name, agency, roles] of setup) {
      agents[name] = { agency, roles: [...roles], token: await stack.token(agency, [...roles], `${name}-1`) };
    }
  });
  afterAll(() => stack.stop());

  async function startCase(input: Record<string, unknown>): Promise<string> {
    const res = await stack.http('POST', '/cases', {
      token: agents.destCaseworker.token,
      body: {
        sop: 'assisted-return',
        input: canaryIntake('assisted-return', {
          isMinor: false,
          plannedReturnDate: day(90),
          returnCountry: 'RO',
          ...input,
        }),
      },
    });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  /** Every other agent's inbox must not show the task (another agency, or the same agency without the role). */
  async function expectOnlyIn(owner: string, taskId: string, caseId: string): Promise<void> {
    for (const [name, agent] of Object.entries(agents)) {
      if (name === owner) continue;
      const inbox = await stack.http('GET', `/tasks?caseId=${caseId}&status=all`, { token: agent.token });
      expect({ name, visible: inbox.body.items.some((t: { taskId: string }) => t.taskId === taskId) }).toEqual({
        name,
        visible: false,
      });
    }
  }

  /** Waits for the step in the owner's inbox, checks nobody else sees it, and completes it as the owner. */
  async function take(step: string, owner: string, caseId: string, form: Record<string, unknown> = {}): Promise<any> {
    const task = await stack.waitForTask(agents[owner].token, step, caseId);
    await expectOnlyIn(owner, task.taskId, caseId);
    const res = await stack.http('POST', `/tasks/${task.taskId}/complete`, {
      token: agents[owner].token,
      // A made-up name in every free-text field along the walk: the run's logs must never show it (canary.ts).
      body: { form: canaryForm('assisted-return', step, { ...FORMS[step], ...form }) },
    });
    expect({ step, status: res.status }).toEqual({ step, status: 200 });
    return task;
  }

  it('publishes the SOP with its gates in the diagram', async () => {
    const res = await stack.http('GET', '/sops/assisted-return', { token: agents.origin.token });
    expect(res.status).toBe(200);
    expect(res.body.participants['origin-ngo']).toMatchObject({ defaultAgency: 'adpare' });
    expect(res.body.diagram).toContain('record_consent --> refer_to_origin: consent given');
    expect(res.body.events.map((e: { type: string }) => e.type)).toContain('person-withdrew');
  });

  it('main path: referral, origin checks, documents, IOM, escorted return, safe arrival, follow-up and closure', async () => {
    const caseId = await startCase({ hostCountry: 'DE' });
    await take('assess-return-options', 'destCaseworker', caseId);
    const consent = await stack.waitForTask(agents.destCaseworker.token, 'record-consent', caseId);
    const byOrigin = await stack.http('POST', `/tasks/${consent.taskId}/complete`, {
      token: agents.origin.token,
      body: { form: FORMS['record-consent'] },
    });
    expect(byOrigin.status).toBe(404);
    await take('record-consent', 'destCaseworker', caseId);
    await take('refer-to-origin', 'destCaseworker', caseId);

    await take('request-travel-documents', 'destCaseworker', caseId);
    const wrongReporter = await stack.http('POST', `/cases/${caseId}/events`, {
      token: agents.origin.token,
      body: {
        type: 'travel-document-issued',
        data: { documentType: 'temporary-passport', validUntil: day(365), identityConfirmedBy: 'consular-interview' },
      },
    });
    expect(wrongReporter.status).toBe(403);
    const issued = await stack.http('POST', `/cases/${caseId}/events`, {
      token: agents.consul.token,
      body: {
        type: 'travel-document-issued',
        data: { documentType: 'temporary-passport', validUntil: day(365), identityConfirmedBy: 'consular-interview' },
      },
    });
    expect(issued.status).toBeLessThan(300);
    await take('assess-return-case', 'iom', caseId);
    await take('prepare-person-for-return', 'destCaseworker', caseId);
    await take('origin-social-enquiry', 'origin', caseId);
    await take('assess-return-risk', 'origin', caseId);
    await take('draft-reintegration-plan', 'origin', caseId);

    const booking = await stack.waitForTask(agents.iom.token, 'book-travel', caseId);
    const byNgo = await stack.http('POST', `/tasks/${booking.taskId}/complete`, {
      token: agents.destCoordinator.token,
      body: { form: FORMS['book-travel'] },
    });
    expect(byNgo.status).toBe(404);
    await take('book-travel', 'iom', caseId);
    await take('arrange-reception', 'origin', caseId);
    await take('confirm-departure', 'destCaseworker', caseId);
    await take('confirm-safe-arrival', 'origin', caseId);

    const report = await take('follow-up-report', 'origin', caseId);
    expect(report).toMatchObject({ subject: 'P1', phase: 'monitoring' });
    await take('close-monitoring', 'origin', caseId);

    const kase = await stack.waitForCaseStatus(agents.destCaseworker.token, caseId, 'completed');
    expect(kase.endState).toBe('closed-after-monitoring');
    expect(kase.openTasks).toEqual([]);
    const arrival = kase.timeline.find((e: { kind: string }) => e.kind === 'safe-arrival-confirmed');
    expect(arrival).toMatchObject({ step: 'confirm-safe-arrival', agencyId: 'mh-heilbronn' });
    expect(kase.timeline.filter((e: { kind: string }) => e.kind === 'warning')).toEqual([]);
    const outsider = await stack.http('GET', `/cases/${caseId}`, { token: agents.outsider.token });
    expect(outsider.status).toBe(404);
  });

  it('consent gates: a withdrawal stops the sharing step, the next step waits visibly, a new consent releases it', async () => {
    const caseId = await startCase({});
    const dest = agents.destCaseworker.token;
    await take('assess-return-options', 'destCaseworker', caseId);
    await take('record-consent', 'destCaseworker', caseId);
    const referral = await stack.waitForTask(dest, 'refer-to-origin', caseId);

    // The consent step wrote one record per member of the return team (L6242-L6243).
    const consents = (await stack.http('GET', `/cases/${caseId}/consents`, { token: dest })).body.items as any[];
    expect(consents.map((c) => c.sharedWithAgency ?? c.purpose).sort()).toEqual([
      'adpare',
      'iom-germany',
      'return',
      'ro-consulate-stuttgart',
    ]);
    for (const agency of ['adpare', 'iom-germany']) {
      const c = consents.find((x) => x.sharedWithAgency === agency);
      const res = await stack.http('POST', `/cases/${caseId}/consents/${c.consentId}/withdraw`, {
        token: dest,
        body: { reason: 'The person asked to stop this exchange' },
      });
      expect(res.status).toBe(200);
    }

    // Withdrawn while the referral was open: it does not go out.
    const refused = await stack.http('POST', `/tasks/${referral.taskId}/complete`, {
      token: dest,
      body: { form: FORMS['refer-to-origin'] },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('consent_required');
    const renewed = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: dest,
      body: {
        purpose: 'sharing',
        sharedWithAgency: 'adpare',
        scope: ['identity', 'travel'],
        form: 'written',
        givenBy: 'person',
      },
    });
    expect(renewed.status).toBe(201);
    const sent = await stack.http('POST', `/tasks/${referral.taskId}/complete`, {
      token: dest,
      body: { form: FORMS['refer-to-origin'] },
    });
    expect(sent.status).toBe(200);

    // The return agency's first step waits for its consent, and the case says so.
    await stack.waitForTask(agents.origin.token, 'origin-social-enquiry', caseId);
    const waiting = await waitFor(
      'the case to show a step waiting for consent',
      async () => {
        const res = await stack.http('GET', `/cases/${caseId}`, { token: dest });
        return res.body.waitingForConsent?.length > 0 ? res.body.waitingForConsent : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(waiting).toEqual([
      expect.objectContaining({
        step: 'assess-return-case',
        purpose: 'sharing',
        sharedWithAgency: 'iom-germany',
        scope: ['identity', 'travel'],
      }),
    ]);
    const iomInbox = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: agents.iom.token });
    expect(iomInbox.body.items).toEqual([]);
    const told = await stack.http('GET', '/notifications', { token: dest });
    expect(
      told.body.items
        .filter((n: any) => n.caseId === caseId && n.kind === 'waiting-for-consent')
        .map((n: any) => n.step),
    ).toEqual(['assess-return-case']);

    const forIom = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: dest,
      body: {
        purpose: 'sharing',
        sharedWithAgency: 'iom-germany',
        scope: ['identity', 'travel'],
        form: 'verbal',
        givenBy: 'person',
      },
    });
    expect(forIom.status).toBe(201);
    await stack.waitForTask(agents.iom.token, 'assess-return-case', caseId);
    const after = await stack.http('GET', `/cases/${caseId}`, { token: dest });
    expect(after.body.waitingForConsent).toEqual([]);
    expect(after.body.timeline.map((e: any) => e.kind)).toEqual(
      expect.arrayContaining(['waiting-for-consent', 'consent-received']),
    );
  });

  it("refuses a child's consent given by the child: the intake says the person is a minor", async () => {
    const caseId = await startCase({ isMinor: true });
    const res = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: agents.destCaseworker.token,
      body: { purpose: 'assistance', scope: ['needs-and-risks'], form: 'verbal', givenBy: 'person' },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'givenBy' })]);
    const byGuardian = await stack.http('POST', `/cases/${caseId}/consents`, {
      token: agents.destCaseworker.token,
      body: { purpose: 'assistance', scope: ['needs-and-risks'], form: 'verbal', givenBy: 'guardian' },
    });
    expect(byGuardian.status).toBe(201);
  });

  it("leaves the child-protection authority out of an adult's return, and brings it into a child's", async () => {
    const adult = await startCase({});
    expect((await stack.http('GET', `/cases/${adult}`, { token: agents.childAuthority.token })).status).toBe(404);
    const view = await stack.http('GET', `/cases/${adult}`, { token: agents.destCaseworker.token });
    expect(Object.keys(view.body.participants)).not.toContain('child-authority');
    const named = await stack.http('POST', '/cases', {
      token: agents.destCaseworker.token,
      body: {
        sop: 'assisted-return',
        input: { isMinor: false, plannedReturnDate: day(90), returnCountry: 'RO' },
        participants: { 'child-authority': 'ro-child-protection' },
      },
    });
    expect([named.status, named.body.fields]).toEqual([
      400,
      [{ field: 'participants.child-authority', reason: 'takes part only when input.isMinor is true; leave it out' }],
    ]);
    const child = await startCase({ isMinor: true });
    expect((await stack.http('GET', `/cases/${child}`, { token: agents.childAuthority.token })).status).toBe(200);
  });

  it('refers nothing when an adult refuses consent', async () => {
    const caseId = await startCase({});
    await take('assess-return-options', 'destCaseworker', caseId);
    await take('record-consent', 'destCaseworker', caseId, { consentGiven: false, consentForm: 'verbal' });
    const kase = await stack.waitForCaseStatus(agents.destCaseworker.token, caseId, 'completed');
    expect(kase.endState).toBe('consent-refused');
    const steps = kase.timeline
      .filter((e: { kind: string }) => e.kind === 'task-opened')
      .map((e: { step: string }) => e.step);
    expect(steps).toEqual(['assess-return-options', 'record-consent']);
    const originInbox = await stack.http('GET', `/tasks?caseId=${caseId}&status=all`, { token: agents.origin.token });
    expect(originInbox.body.items).toEqual([]);
  });

  it('child, late referral: warning and coordinator escalation, origin child-protection step, then the child runs away', async () => {
    const caseId = await startCase({ isMinor: true, plannedReturnDate: day(10) });
    await take('assess-return-options', 'destCaseworker', caseId);
    await take('record-consent', 'destCaseworker', caseId);
    await take('refer-to-origin', 'destCaseworker', caseId);
    // Only the coordinator's inbox shows the escalation; the caseworker of the same NGO does not.
    await take('replan-return-date', 'destCoordinator', caseId);
    await take('assess-child-family', 'childAuthority', caseId, {
      familyInvestigated: true,
      familyCanReceiveChild: 'not-yet',
      recommendedPlacement: 'ngo-youth-flat',
      custody: 'parents-hold-custody',
    });

    const wrong = await stack.http('POST', `/cases/${caseId}/events`, {
      token: agents.consul.token,
      body: { type: 'person-absconded', data: { lastContactOn: day(0), reportedToPolice: true } },
    });
    expect(wrong.status).toBe(403);
    const ran = await stack.http('POST', `/cases/${caseId}/events`, {
      token: agents.origin.token,
      body: { type: 'person-absconded', data: { lastContactOn: day(0), reportedToPolice: true } },
    });
    expect(ran.status).toBeLessThan(300);

    const kase = await stack.waitForCaseStatus(agents.destCoordinator.token, caseId, 'completed');
    expect(kase.endState).toBe('absconded');
    expect(kase.openTasks).toEqual([]);
    const warning = kase.timeline.find((e: { kind: string }) => e.kind === 'warning');
    expect(warning).toMatchObject({ step: 'refer-to-origin', detail: { rule: 'referral-one-month-ahead' } });
    for (const agent of Object.values(agents)) {
      const open = await stack.http('GET', `/tasks?caseId=${caseId}`, { token: agent.token });
      expect(open.body.items).toEqual([]);
    }
  });
});
