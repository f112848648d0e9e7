import { waitFor } from '../../libs/devstack/src/ports';
import { canaryForm, canaryIntake } from '../support/canary';
import { AppStack } from '../support/stack';

interface Task {
  taskId: string;
  caseId: string;
  step: string;
  subject: string | null;
  phase: string | null;
  agencyId: string;
  roles: string[];
  status: string;
}

/**
 * The Venice inspection SOP through the real API, worker, Temporal and PostgreSQL: each task reaches only the inbox
 * of the agency and role the SOP names, and inspection-phase people never see or complete protection-phase work.
 */
describe('venice-inspection through the API', () => {
  const stack = new AppStack('venice-inspection');
  const t: Record<string, string> = {};
  const PEOPLE: Record<string, [string, string]> = {
    coordinator: ['venice-cau', 'coordinator'],
    mediator: ['venice-cau', 'cultural-mediator'],
    socialWorker: ['venice-cau', 'social-worker'],
    inspector: ['venice-labour-inspectorate', 'labour-inspector'],
    officer: ['venice-police', 'police-officer'],
    protection: ['venice-social-protection', 'protection-officer'],
    territorial: ['venice-territorial-social-services', 'social-worker'],
    shelter: ['venice-child-shelter', 'shelter-worker'],
  };
  const TODAY = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    await stack.start();
    for (const [who, [agency, role]] of Object.entries(PEOPLE)) t[who] = await stack.token(agency, [role], `${who}-1`);
  });
  afterAll(() => stack.stop());

  async function startCase(): Promise<string> {
    const res = await stack.http('POST', '/cases', {
      token: t.coordinator,
      body: {
        sop: 'venice-inspection',
        // A made-up name in every free-text field along the walk: the run's logs must never show it (canary.ts).
        input: canaryIntake('venice-inspection', {
          triggerType: 'hotline-call',
          premisesType: 'manufacturing-company',
          suspectedExploitation: 'labour',
          municipality: 'Padova',
        }),
      },
    });
    expect(res.status).toBe(201);
    return res.body.caseId;
  }

  /** Polls `who`'s inbox until the open task of `step` (for `subject`) in this case shows. */
  function task(who: string, caseId: string, step: string, subject?: string): Promise<Task> {
    return waitFor(
      `${step}${subject ? `/${subject}` : ''} in ${who}'s inbox`,
      async () => {
        const res = await stack.http('GET', `/tasks?caseId=${caseId}&step=${step}`, { token: t[who] });
        return (res.body.items as Task[]).find((x) => subject === undefined || x.subject === subject);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  }

  async function complete(who: string, item: Task, form: Record<string, unknown>): Promise<void> {
    // The runtime records a task once its openTask activity returns; the inbox row is written inside that activity,
    // so for a few milliseconds the owner can see a task its workflow answers "not found" for. Only that is retried.
    const res = await waitFor(
      `${who} to complete ${item.step}`,
      async () => {
        const r = await stack.http('POST', `/tasks/${item.taskId}/complete`, {
          token: t[who],
          body: { form: canaryForm('venice-inspection', item.step, form) },
        });
        return r.status === 404 ? undefined : r;
      },
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    expect([item.step, res.status, res.body]).toEqual([
      item.step,
      200,
      expect.objectContaining({ status: 'completed' }),
    ]);
  }

  /** Everyone else neither sees the task nor can complete it: other agencies get 404, other roles of its agency 403. */
  async function expectOnlyFor(owner: string, item: Task, form: Record<string, unknown>): Promise<void> {
    for (const who of Object.keys(PEOPLE).filter((w) => w !== owner)) {
      const inbox = await stack.http('GET', `/tasks?caseId=${item.caseId}&status=all`, { token: t[who] });
      expect([who, (inbox.body.items as Task[]).map((x) => x.taskId)]).toEqual([
        who,
        expect.not.arrayContaining([item.taskId]),
      ]);
      const res = await stack.http('POST', `/tasks/${item.taskId}/complete`, { token: t[who], body: { form } });
      const sameAgency = PEOPLE[who][0] === PEOPLE[owner][0];
      expect([who, item.step, res.status]).toEqual([who, item.step, sameAgency ? 403 : 404]);
    }
  }

  async function step(
    owner: string,
    caseId: string,
    id: string,
    form: Record<string, unknown>,
    subject?: string,
    isolation = false,
  ) {
    const item = await task(owner, caseId, id, subject);
    if (isolation) await expectOnlyFor(owner, item, form);
    await complete(owner, item, form);
    return item;
  }

  const plan = {
    unit: (decision = 'confirmed') => ({
      decision,
      plannedDate: TODAY,
      socialWorkersOnCall: 2,
      mediatorAssigned: true,
    }),
    inspectorate: (decision = 'confirmed') => ({ decision, inspectorsAssigned: 2 }),
    police: (decision = 'confirmed') => ({ decision, force: 'state-police', officersAssigned: 2 }),
  };

  async function inspect(caseId: string, interviews: Record<string, unknown>, isolation = false): Promise<void> {
    await step('coordinator', caseId, 'joint-planning-unit', plan.unit(), undefined, isolation);
    await step('inspector', caseId, 'joint-planning-inspectorate', plan.inspectorate(), undefined, isolation);
    await step('officer', caseId, 'joint-planning-police', plan.police(), undefined, isolation);
    const labour = {
      workersPresent: 2,
      healthSafetyBreaches: true,
      workersWithoutContract: 2,
      livingOnPremises: true,
      inspectionRecordRef: 'INS-1',
    };
    await step('inspector', caseId, 'compliance-check-labour', labour, undefined, isolation);
    await step('officer', caseId, 'compliance-check-police', {
      identityChecks: 2,
      withoutResidencePermit: 1,
      offenceReported: false,
    });
    await step('inspector', caseId, 'worker-interviews', {
      mediatorSupported: true,
      settingSuitable: false,
      ...interviews,
    });
  }

  it('runs the main path with each task only in its own inbox, and keeps inspection roles out of protection work', async () => {
    const sop = await stack.http('GET', '/sops/venice-inspection', { token: t.inspector });
    expect(sop.status).toBe(200);
    expect(sop.body.rules.map((r: { id: string }) => r.id)).toContain('inspection-protection-separation');
    expect(sop.body.diagram).toContain('child_shelter_placement --> child_placed_in_shelter');

    const caseId = await startCase();
    await inspect(
      caseId,
      { workersInterviewed: 2, vulnerableWorkerCodes: ['W1'], childrenFound: true, childCodes: ['C1'] },
      true,
    );

    const info = await step(
      'mediator',
      caseId,
      'information-non-vulnerable',
      { workersInformed: 1, migrationLawCovered: true, labourRightsCovered: true, leafletsGiven: true },
      undefined,
      true,
    );
    expect(info.phase).toBe('inspection');
    await step(
      'coordinator',
      caseId,
      'municipal-team-joins',
      { socialWorkersDeployed: 1, psychologistDeployed: true, separateSpaceAvailable: true },
      undefined,
      true,
    );

    const needs = {
      interpreterPresent: true,
      needsHealthcare: false,
      needsAccommodation: true,
      needsLegalAdvice: true,
      immediateDanger: false,
      timeSufficient: true,
    };
    const first = await step('socialWorker', caseId, 'preliminary-needs-assessment', needs, 'W1', true);
    expect(first).toMatchObject({
      subject: 'W1',
      phase: 'protection',
      agencyId: 'venice-cau',
      roles: ['social-worker'],
    });
    await step(
      'socialWorker',
      caseId,
      'information-and-counselling',
      { migrationLawCovered: true, protectionOptionsCovered: true, leafletGiven: true, followUpAgreed: true },
      'W1',
    );
    await step(
      'socialWorker',
      caseId,
      'identification-decision',
      { outcome: 'identified-consents-to-referral', exploitationForm: 'labour' },
      'W1',
    );
    await step(
      'protection',
      caseId,
      'referral-to-social-protection',
      { programme: 'national', takenInChargeOn: TODAY, accommodationProvided: true },
      'W1',
      true,
    );

    const child = await step(
      'socialWorker',
      caseId,
      'child-assessment',
      { familyPresent: false, unsafeConditions: true, childLabourSuspected: true },
      'C1',
      true,
    );
    expect(child.subject).toBe('C1');
    await step(
      'shelter',
      caseId,
      'child-shelter-placement',
      { admittedOn: TODAY, assistedAs: 'unaccompanied-foreign-child', guardianRequested: true },
      'C1',
      true,
    );

    const kase = await stack.waitForCaseStatus(t.inspector, caseId, 'completed');
    expect(kase.endState).toBe('closed-referred-to-social-protection');
    expect(kase.openTasks).toEqual([]);
    const kinds = kase.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'person-branch-started')).toHaveLength(2);
    // Decisions noted on the shared timeline are the planning ones only; protection outcomes stay off it.
    const decided = kase.timeline
      .filter((e: { kind: string }) => e.kind === 'decision')
      .map((e: { step: string }) => e.step);
    expect(decided.sort()).toEqual(['joint-planning-inspectorate', 'joint-planning-police', 'joint-planning-unit']);
    // Over the whole case: nobody holding an inspection-phase role received a protection-phase task.
    const all: Task[] = [];
    for (const who of Object.keys(PEOPLE)) {
      all.push(...(await stack.http('GET', `/tasks?caseId=${caseId}&status=all`, { token: t[who] })).body.items);
    }
    const holders = (phase: string) =>
      new Set(all.filter((x) => x.phase === phase).flatMap((x) => x.roles.map((r) => `${x.agencyId}:${r}`)));
    const inspection = holders('inspection');
    expect(inspection.size).toBe(3);
    expect([...holders('protection')].filter((h) => inspection.has(h))).toEqual([]);
  });

  it("shows the social protection staff a worker's records only once that worker agreed to the referral", async () => {
    const caseId = await startCase();
    await inspect(caseId, { workersInterviewed: 2, vulnerableWorkerCodes: ['W1', 'W2'], childrenFound: false });
    await step('coordinator', caseId, 'municipal-team-joins', {
      socialWorkersDeployed: 1,
      psychologistDeployed: false,
      separateSpaceAvailable: true,
    });
    const needs = {
      interpreterPresent: true,
      needsHealthcare: true,
      needsAccommodation: true,
      needsLegalAdvice: false,
      immediateDanger: false,
      timeSufficient: true,
    };
    for (const [code, outcome] of [
      ['W1', 'identified-consents-to-referral'],
      ['W2', 'identified-declines-referral'],
    ]) {
      await step('socialWorker', caseId, 'preliminary-needs-assessment', needs, code);
      await step(
        'socialWorker',
        caseId,
        'information-and-counselling',
        {
          migrationLawCovered: true,
          protectionOptionsCovered: true,
          leafletGiven: true,
          followUpAgreed: false,
        },
        code,
      );
      await step('socialWorker', caseId, 'identification-decision', { outcome, exploitationForm: 'labour' }, code);
    }
    // W1's referral task is the social protection staff's; W2, who declined, never reaches them.
    await task('protection', caseId, 'referral-to-social-protection', 'W1');
    const seen = await stack.http('GET', `/cases/${caseId}`, { token: t.protection });
    expect(seen.status).toBe(200);
    type Rec = { subject: string | null; step: string; data: Record<string, unknown>; withheld?: unknown[] };
    const records = (seen.body.compartments.protection as Rec[]).filter(
      (r) => r.step === 'preliminary-needs-assessment',
    );
    const of = (code: string) => records.find((r) => r.subject === code)!;
    expect(of('W1').data).toMatchObject({ needsHealthcare: true, needsAccommodation: true });
    expect(of('W2').data).toEqual({});
    expect(of('W2').withheld).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'needsHealthcare', reason: 'no-consent' })]),
    );
    // The municipal team (the lead) reads both workers' records.
    const team = await stack.http('GET', `/cases/${caseId}`, { token: t.socialWorker });
    const teamRecords = (team.body.compartments.protection as Rec[]).filter(
      (r) => r.step === 'preliminary-needs-assessment',
    );
    expect(teamRecords.map((r) => [r.subject, r.data.needsHealthcare]).sort()).toEqual([
      ['W1', true],
      ['W2', true],
    ]);
  });

  it('after a revise round the Unit calls the inspection off; the partners can no longer act', async () => {
    const caseId = await startCase();
    await step('inspector', caseId, 'joint-planning-inspectorate', plan.inspectorate('revise'));
    await step('officer', caseId, 'joint-planning-police', plan.police());
    const firstUnit = await step('coordinator', caseId, 'joint-planning-unit', plan.unit());
    const police = await waitFor('a second-round police confirmation', async () => {
      const res = await stack.http('GET', `/tasks?caseId=${caseId}&step=joint-planning-police`, { token: t.officer });
      return (res.body.items as Task[])[0];
    });
    await task('inspector', caseId, 'joint-planning-inspectorate');
    const secondUnit = await task('coordinator', caseId, 'joint-planning-unit');
    expect(secondUnit.taskId).not.toBe(firstUnit.taskId);
    await complete('coordinator', secondUnit, plan.unit('call-off'));

    const kase = await stack.waitForCaseStatus(t.officer, caseId, 'completed');
    expect(kase.endState).toBe('inspection-called-off');
    expect(kase.timeline.map((e: { kind: string }) => e.kind)).toContain('plan-revision-requested');
    expect((await stack.http('GET', `/tasks?caseId=${caseId}`, { token: t.officer })).body.items).toEqual([]);
    const late = await stack.http('POST', `/tasks/${police.taskId}/complete`, {
      token: t.officer,
      body: { form: plan.police() },
    });
    expect(late.status).toBe(409);
    const checks = await stack.http('GET', `/tasks?caseId=${caseId}&status=all&step=compliance-check-labour`, {
      token: t.inspector,
    });
    expect(checks.body.items).toEqual([]);
  });

  it('cancelled while a child is being assessed: the per-person task closes with the case', async () => {
    const caseId = await startCase();
    await inspect(caseId, {
      workersInterviewed: 0,
      vulnerableWorkerCodes: [],
      childrenFound: true,
      childCodes: ['C1'],
    });
    await step('coordinator', caseId, 'municipal-team-joins', {
      socialWorkersDeployed: 1,
      psychologistDeployed: false,
      separateSpaceAvailable: true,
    });
    const child = await task('socialWorker', caseId, 'child-assessment', 'C1');
    const res = await stack.http('POST', `/cases/${caseId}/cancel`, {
      token: t.coordinator,
      body: { reason: 'premises already closed by the prosecutor' },
    });
    expect(res.status).toBe(202);
    const kase = await stack.waitForCaseStatus(t.socialWorker, caseId, 'cancelled');
    expect(kase.openTasks).toEqual([]);
    expect((await stack.http('GET', `/tasks?caseId=${caseId}`, { token: t.socialWorker })).body.items).toEqual([]);
    const late = await stack.http('POST', `/tasks/${child.taskId}/complete`, {
      token: t.socialWorker,
      body: { form: { familyPresent: true, unsafeConditions: false, childLabourSuspected: false } },
    });
    expect(late.status).toBe(409);
  });
});
