import { Client, Connection } from '@temporalio/client';
import { waitFor } from '../../libs/devstack/src/ports';
import { canaryForm, canaryIntake } from '../support/canary';
import { AppStack } from '../support/stack';

const POLICE = 'mossos-thb-unit';
const NGO = 'sicar-cat';

const FORMS = {
  accept: { decision: 'accepted', contactPointCode: 'SC-07' },
  planOperation: {
    deploymentDate: '2025-06-01',
    officersDeployed: 14,
    sitesCount: 1,
    expectedPersons: 2,
    communicationChannelAgreed: true,
  },
  planLogistics: {
    accommodationPlaces: 2,
    interpretersBooked: 1,
    referralRoutes: ['shelter'],
    ngoProfessionalsOnSite: 2,
  },
  deploy: (personsIdentified: number) => ({ deployedOn: '2025-06-01', personsIdentified, ngoPresent: true }),
  rights: {
    informedAt: '2025-06-01',
    language: 'ro',
    interpreterUsed: true,
    topicsCovered: ['rights'],
    understood: true,
  },
  decision: (assistance: string, cooperationWithPolice: string) => ({
    assistance,
    cooperationWithPolice,
    consentRecorded: true,
  }),
  arrange: { accommodation: 'ngo-shelter', interpreterAssigned: true },
  risk: {
    overallRisk: 'high',
    riskFromNetwork: 'high',
    riskFromFamily: 'medium',
    healthConcern: false,
    riskBehaviours: false,
    policeConsulted: true,
  },
  escort: {
    hearingDate: '2025-09-15',
    outcome: 'attended',
    accompanied: true,
    interpreterProvided: true,
    policeProtection: true,
  },
};

interface TaskItem {
  taskId: string;
  step: string;
  subject: string | null;
  phase: string | null;
  agencyId: string;
  roles: string[];
}

/** The Police–NGO joint operation through the real API, worker, Temporal and PostgreSQL. */
describe('joint-operation through the API', () => {
  const stack = new AppStack('joint-operation');
  const tokens = {} as Record<'pc' | 'po' | 'np' | 'nc' | 'ngoPoliceRole' | 'volunteer' | 'outsider', string>;
  let temporal: Connection;

  beforeAll(async () => {
    await stack.start();
    tokens.pc = await stack.token(POLICE, ['police-coordinator'], 'pc-1');
    tokens.po = await stack.token(POLICE, ['police-officer'], 'po-1');
    tokens.np = await stack.token(NGO, ['ngo-professional'], 'np-1');
    tokens.nc = await stack.token(NGO, ['ngo-coordinator'], 'nc-1');
    tokens.ngoPoliceRole = await stack.token(NGO, ['police-officer'], 'np-2');
    tokens.volunteer = await stack.token(NGO, ['volunteer'], 'nv-1');
    tokens.outsider = await stack.token('other-ngo', ['ngo-professional'], 'on-1');
    temporal = await Connection.connect({ address: process.env.WAYMARK_E2E_TEMPORAL_ADDRESS! });
  });
  afterAll(async () => {
    await temporal?.close();
    await stack.stop();
  });

  async function startCase(): Promise<string> {
    const input = canaryIntake('joint-operation', {
      operationCode: 'OP-E2E-1',
      exploitationType: 'labour',
      plannedDate: new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10),
    });
    const res = await stack.http('POST', '/cases', { token: tokens.pc, body: { sop: 'joint-operation', input } });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  const inbox = async (token: string, caseId: string): Promise<TaskItem[]> =>
    (await stack.http('GET', `/tasks?caseId=${caseId}`, { token })).body.items;

  /** Polls one inbox until the open task for `step` (and person) shows. */
  function task(token: string, caseId: string, step: string, subject: string | null = null): Promise<TaskItem> {
    return waitFor(
      `${step}${subject ? ` for ${subject}` : ''}`,
      async () => (await inbox(token, caseId)).find((t) => t.step === step && t.subject === subject),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  const complete = (token: string, taskId: string, form: Record<string, unknown>) =>
    stack.http('POST', `/tasks/${taskId}/complete`, { token, body: { form } });

  async function completeOk(token: string, t: TaskItem, form: Record<string, unknown>) {
    // A made-up name in every free-text field along the walk: the run's logs must never show it (canary.ts).
    const res = await complete(token, t.taskId, canaryForm('joint-operation', t.step, form));
    expect({ step: t.step, subject: t.subject, status: res.status }).toEqual({
      step: t.step,
      subject: t.subject,
      status: 200,
    });
  }

  async function plannedAndDeployed(caseId: string, persons: number) {
    await completeOk(tokens.nc, await task(tokens.nc, caseId, 'accept-request'), FORMS.accept);
    const planOp = await task(tokens.pc, caseId, 'plan-operation');
    const planLog = await task(tokens.nc, caseId, 'plan-logistics');
    // Each agency sees only its own half of the joint planning.
    expect((await inbox(tokens.pc, caseId)).map((t) => t.step)).toEqual(['plan-operation']);
    expect((await inbox(tokens.nc, caseId)).map((t) => t.step)).toEqual(['plan-logistics']);
    expect((await complete(tokens.nc, planOp.taskId, FORMS.planOperation)).status).toBe(404);
    await completeOk(tokens.pc, planOp, FORMS.planOperation);
    await completeOk(tokens.nc, planLog, FORMS.planLogistics);
    await completeOk(tokens.po, await task(tokens.po, caseId, 'deploy-operation'), FORMS.deploy(persons));
  }

  it('main path: rights information and assistance only in the NGO inbox, court escort on a court date, then cancel', async () => {
    const caseId = await startCase();
    const accept = await task(tokens.nc, caseId, 'accept-request');
    expect(accept).toMatchObject({ agencyId: NGO, roles: ['ngo-coordinator'], phase: 'planning' });
    expect(await inbox(tokens.pc, caseId)).toEqual([]);
    expect(await inbox(tokens.np, caseId)).toEqual([]);
    expect((await complete(tokens.pc, accept.taskId, FORMS.accept)).status).toBe(404);
    expect((await complete(tokens.np, accept.taskId, FORMS.accept)).status).toBe(403);
    await plannedAndDeployed(caseId, 2);

    const rights1 = await task(tokens.np, caseId, 'rights-information', 'P1');
    const rights2 = await task(tokens.np, caseId, 'rights-information', 'P2');
    expect(rights1).toMatchObject({ agencyId: NGO, roles: ['ngo-professional'], phase: 'psychosocial' });
    // The police never see nor complete a psychosocial step, not even a police role inside the NGO.
    expect(await inbox(tokens.po, caseId)).toEqual([]);
    expect(await inbox(tokens.pc, caseId)).toEqual([]);
    expect((await complete(tokens.po, rights1.taskId, FORMS.rights)).status).toBe(404);
    expect((await complete(tokens.ngoPoliceRole, rights1.taskId, FORMS.rights)).status).toBe(403);
    expect((await complete(tokens.outsider, rights1.taskId, FORMS.rights)).status).toBe(404);
    await completeOk(tokens.np, rights1, FORMS.rights);
    await completeOk(tokens.np, rights2, FORMS.rights);

    const decision1 = await task(tokens.np, caseId, 'assistance-decision', 'P1');
    expect((await complete(tokens.pc, decision1.taskId, FORMS.decision('accepts', 'willing'))).status).toBe(404);
    await completeOk(tokens.np, decision1, FORMS.decision('accepts', 'not-willing'));
    await completeOk(
      tokens.np,
      await task(tokens.np, caseId, 'assistance-decision', 'P2'),
      FORMS.decision('declines', 'willing'),
    );

    // Refusing to cooperate with the police still brings assistance.
    const arrange = await task(tokens.nc, caseId, 'arrange-assistance', 'P1');
    expect(await inbox(tokens.po, caseId)).toEqual([]);
    await completeOk(tokens.nc, arrange, FORMS.arrange);
    await completeOk(tokens.np, await task(tokens.np, caseId, 'risk-assessment', 'P1'), FORMS.risk);

    const hearing = { type: 'court-date-set', data: { person: 'P1', hearingDate: '2025-09-15' } };
    expect(
      (await stack.http('POST', `/cases/${caseId}/events`, { token: tokens.outsider, body: hearing })).status,
    ).toBe(404);
    expect(
      (await stack.http('POST', `/cases/${caseId}/events`, { token: tokens.volunteer, body: hearing })).status,
    ).toBe(403);
    expect((await stack.http('POST', `/cases/${caseId}/events`, { token: tokens.po, body: hearing })).status).toBe(202);
    const escort = await task(tokens.np, caseId, 'court-escort', 'P1');
    expect(escort).toMatchObject({ agencyId: NGO, phase: 'court' });
    expect(await inbox(tokens.po, caseId)).toEqual([]);
    await completeOk(tokens.np, escort, FORMS.escort);

    // P1 is now in follow-up and the operation waits for its quarterly meeting: nothing is open.
    const kase = await waitFor(
      'P1 back in follow-up',
      async () => {
        const res = await stack.http('GET', `/cases/${caseId}`, { token: tokens.pc });
        return res.body.openTasks.length === 0 && res.body.timeline.some((e: any) => e.kind === 'court-date-forwarded')
          ? res.body
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(kase.status).toBe('open');
    const ended = kase.timeline.filter((e: any) => e.kind === 'person-branch-ended').map((e: any) => e.detail);
    expect(ended).toEqual([
      { subject: 'P2', endState: 'assistance-declined', outcome: 'declined-assistance', reason: 'assistance-declined' },
    ]);
    // The police read the timeline: it carries the assistance answer, never the cooperation answer.
    expect(JSON.stringify(kase.timeline)).not.toMatch(/not-willing|cooperation/);

    const cancel = await stack.http('POST', `/cases/${caseId}/cancel`, {
      token: tokens.pc,
      body: { reason: 'operation closed by the unit' },
    });
    expect(cancel.status).toBe(202);
    const closed = await stack.waitForCaseStatus(tokens.nc, caseId, 'cancelled');
    expect(closed.endState).toBe('cancelled');
    // The person branch ends with the case (parent close policy): nothing keeps running for P1.
    const child = new Client({ connection: temporal }).workflow.getHandle(`case-${caseId}:P1`);
    await waitFor(
      'P1 branch terminated',
      async () => ((await child.describe()).status.name === 'TERMINATED' ? true : undefined),
      {
        timeoutMs: 30_000,
        intervalMs: 100,
      },
    );
  });

  it('no person identified: check and adjust goes to the police coordinator and closes the operation', async () => {
    const caseId = await startCase();
    await plannedAndDeployed(caseId, 0);
    const check = await task(tokens.pc, caseId, 'check-and-adjust');
    expect(check).toMatchObject({ agencyId: POLICE, roles: ['police-coordinator'], phase: 'review' });
    expect(await inbox(tokens.nc, caseId)).toEqual([]);
    expect((await complete(tokens.nc, check.taskId, { decision: 'close' })).status).toBe(404);
    expect((await complete(tokens.po, check.taskId, { decision: 'close' })).status).toBe(403);
    await completeOk(tokens.pc, check, { decision: 'close', findings: 'Premises empty on arrival.' });
    const kase = await stack.waitForCaseStatus(tokens.nc, caseId, 'completed');
    expect(kase.endState).toBe('no-person-identified');
    expect(kase.timeline.some((e: any) => e.kind === 'person-branch-started')).toBe(false);
  });

  it('keeps the operation’s intelligence with the police, field by field: the NGO reads the record, not that value', async () => {
    const caseId = await startCase();
    await plannedAndDeployed(caseId, 0);
    await task(tokens.pc, caseId, 'check-and-adjust');
    const deployRecord = async (token: string) => {
      const res = await stack.http('GET', `/cases/${caseId}`, { token });
      expect(res.status).toBe(200);
      return (res.body.compartments.inspection as any[]).find((r) => r.step === 'deploy-operation');
    };
    const police = await deployRecord(tokens.pc);
    expect(typeof police.data.intelligenceNote).toBe('string');
    expect(police.withheld).toBeUndefined();
    const ngo = await deployRecord(tokens.nc);
    expect(ngo.data).toMatchObject({ personsIdentified: 0, ngoPresent: true });
    expect(ngo.data).not.toHaveProperty('intelligenceNote');
    expect(ngo.withheld).toEqual([
      { field: 'intelligenceNote', category: 'operational-intelligence', reason: 'police-only' },
    ]);
  });

  it('request declined: the NGO declines and the case completes', async () => {
    const caseId = await startCase();
    const accept = await task(tokens.nc, caseId, 'accept-request');
    const bad = await complete(tokens.nc, accept.taskId, { decision: 'later' });
    expect(bad.status).toBe(400);
    await completeOk(tokens.nc, accept, { decision: 'declined', declineReason: 'no-capacity' });
    const kase = await stack.waitForCaseStatus(tokens.pc, caseId, 'completed');
    expect(kase.endState).toBe('request-declined');
  });

  it('publishes the declaration with its rules, seed lines and diagram', async () => {
    const res = await stack.http('GET', '/sops/joint-operation', { token: tokens.pc });
    expect(res.status).toBe(200);
    expect(res.body.rules.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(['psychosocial-steps-ngo-only', 'assistance-not-conditional-on-cooperation']),
    );
    const rights = res.body.steps.find((s: { id: string }) => s.id === 'rights-information');
    expect(rights).toMatchObject({
      target: 'PT2H',
      perPerson: true,
      actor: { slot: 'ngo', roles: ['ngo-professional'] },
    });
    expect(res.body.diagram).toContain('assistance_decision --> arrange_assistance');
  });
});
