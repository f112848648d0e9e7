import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import {
  cancelCaseUpdate,
  consentsChangedSignal,
  caseStateQuery,
  completeTaskUpdate,
  reportEventUpdate,
  type Actor,
  type CaseResult,
  type CaseStartInput,
  type OpenTaskInput,
} from '@waymark/contracts';
import { recordingActivities } from '../../test/support/recording-activities';
import {
  createTestWorker,
  createTimeSkippingEnv,
  saveHistoryIfRecording,
  uniqueTaskQueue,
} from '../../test/support/workflow-env';
import { updateFailureType } from '../../test/support/sop-case';

const POLICE = 'mossos-thb-unit';
const NGO = 'sicar-cat';
const PC: Actor = { sub: 'pc-1', agencyId: POLICE, roles: ['police-coordinator'] };
const PO: Actor = { sub: 'po-1', agencyId: POLICE, roles: ['police-officer'] };
const NP: Actor = { sub: 'np-1', agencyId: NGO, roles: ['ngo-professional'] };
const NC: Actor = { sub: 'nc-1', agencyId: NGO, roles: ['ngo-coordinator'] };

const FORMS = {
  accept: { decision: 'accepted', contactPointCode: 'SC-07' },
  planOperation: {
    deploymentDate: '2025-05-10',
    officersDeployed: 12,
    sitesCount: 2,
    expectedPersons: 3,
    languagesExpected: ['ro', 'es'],
    communicationChannelAgreed: true,
  },
  planLogistics: {
    accommodationPlaces: 3,
    interpretersBooked: 1,
    interpreterLanguages: ['ro'],
    referralRoutes: ['shelter', 'health'],
    partners: ['interp-coop'],
    ngoProfessionalsOnSite: 2,
  },
  deploy: (personsIdentified: number) => ({ deployedOn: '2025-05-10', personsIdentified, ngoPresent: true }),
  rights: {
    informedAt: '2025-05-10T10:30:00Z',
    language: 'ro',
    interpreterUsed: true,
    topicsCovered: ['rights', 'protection', 'future-options'],
    understood: true,
  },
  decision: (assistance: string, cooperationWithPolice: string) => ({
    assistance,
    cooperationWithPolice,
    consentRecorded: true,
  }),
  arrange: { accommodation: 'ngo-shelter', interpreterAssigned: true, referrals: ['health'] },
  risk: {
    overallRisk: 'medium',
    riskFromNetwork: 'high',
    riskFromFamily: 'low',
    healthConcern: false,
    riskBehaviours: false,
    policeConsulted: true,
    protectionMeasures: ['no-disclosure-to-family'],
  },
  escort: {
    hearingDate: '2025-09-01',
    outcome: 'attended',
    accompanied: true,
    interpreterProvided: true,
    policeProtection: true,
  },
  followUp: (decision: string) => ({ decision, proceedingsExpected: false }),
  review: (decision: string) => ({ meetingDate: '2025-08-10', casesReviewed: 2, decision }),
  check: (decision: string) => ({ decision, findings: 'Site empty on arrival.' }),
};

function input(caseId: string): CaseStartInput {
  return {
    caseId,
    sop: 'joint-operation',
    sopVersion: 1,
    participants: { police: POLICE, ngo: NGO },
    openedBy: PC,
    intake: { operationCode: 'OP-2025-017', exploitationType: 'sexual', plannedDate: '2025-05-10' },
  };
}

/** The two planning steps open together, so their recorded order may vary: sort each adjacent pair. */
function parallelSorted(steps: string[]): string[] {
  const out = [...steps];
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i].startsWith('plan-') && out[i + 1].startsWith('plan-')) out.splice(i, 2, ...[out[i], out[i + 1]].sort());
  }
  return out;
}

async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jointOperationWorkflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  /** Runs one case on its own task queue with recorded activities; `body` drives it and returns its result. */
  async function scenario(caseId: string, body: (c: Ctx) => Promise<CaseResult>) {
    const r = recordingActivities();
    const taskQueue = uniqueTaskQueue('joint-op');
    const worker = await createTestWorker(env, { taskQueue, activities: r.activities });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('jointOperationWorkflow', {
        taskQueue,
        workflowId: `case-${caseId}`,
        args: [input(caseId)],
      });
      return body(new Ctx(env, handle, r));
    });
    return { result, ...r };
  }

  it('main path: two persons, one declines, one refuses to cooperate yet is assisted and escorted to court twice', async () => {
    const { result, rec } = await scenario('jo-main', async (c) => {
      const accept = await c.task('accept-request');
      expect(accept).toMatchObject({
        agencyId: NGO,
        roles: ['ngo-coordinator'],
        phase: 'planning',
      });
      expect(accept.subject).toBeUndefined();
      expect(await updateFailureType(c.complete(accept, PC, FORMS.accept))).toBe('WrongAgency');
      await c.complete(accept, NC, FORMS.accept);

      // Joint planning: both halves of the checklist are open at the same time, each in its own agency's inbox.
      const [planOp, planLog] = [await c.task('plan-operation'), await c.task('plan-logistics')];
      expect(
        c.r
          .openTasks()
          .map((t) => t.step)
          .sort(),
      ).toEqual(['plan-logistics', 'plan-operation']);
      expect(planOp).toMatchObject({ agencyId: POLICE, roles: ['police-coordinator'] });
      expect(planLog).toMatchObject({ agencyId: NGO, roles: ['ngo-coordinator'] });
      await c.complete(planLog, NC, FORMS.planLogistics);
      await c.complete(planOp, PC, FORMS.planOperation);

      const deploy = await c.task('deploy-operation');
      expect(deploy).toMatchObject({ agencyId: POLICE, roles: ['police-officer', 'police-coordinator'] });
      expect(await updateFailureType(c.complete(deploy, NP, FORMS.deploy(2)))).toBe('WrongAgency');
      await c.complete(deploy, PO, FORMS.deploy(2));

      // Rights information for each person, by NGO professionals, due within two hours.
      const rights1 = await c.task('rights-information', 'P1');
      const rights2 = await c.task('rights-information', 'P2');
      for (const [t, code] of [
        [rights1, 'P1'],
        [rights2, 'P2'],
      ] as const) {
        expect(t).toMatchObject({
          agencyId: NGO,
          roles: ['ngo-professional'],
          phase: 'psychosocial',
          workflowId: `case-jo-main:${code}`,
        });
        expect(Date.parse(t.dueAt!) - Date.parse(t.openedAt)).toBe(2 * 3600 * 1000);
      }
      // Psychosocial steps never go to the police: not another agency's officer, nor a police role in the NGO.
      expect(await updateFailureType(c.complete(rights1, PO, FORMS.rights))).toBe('WrongAgency');
      expect(await updateFailureType(c.complete(rights1, { ...NP, roles: ['police-officer'] }, FORMS.rights))).toBe(
        'WrongRole',
      );
      await c.complete(rights1, NP, FORMS.rights);
      await c.complete(rights2, NP, FORMS.rights);

      const decision1 = await c.task('assistance-decision', 'P1');
      expect(decision1).toMatchObject({ agencyId: NGO, roles: ['ngo-professional'] });
      expect(decision1.dueAt).toBeUndefined();
      expect(await updateFailureType(c.complete(decision1, PC, FORMS.decision('accepts', 'willing')))).toBe(
        'WrongAgency',
      );
      await c.complete(decision1, NP, FORMS.decision('accepts', 'not-willing'));
      // A court date for P2 before P2 decides reaches the branch, but a person who declines is not escorted.
      await c.report(PC, 'P2');
      await c.waitNotes('court-date-forwarded', 1);
      await c.complete(await c.task('assistance-decision', 'P2'), NP, FORMS.decision('declines', 'willing'));
      await c.branchEnded('P2', 'assistance-declined');
      expect(c.notes('court-date-not-escorted').map((n) => n.detail)).toEqual([{ subject: 'P2', pending: 1 }]);

      // Refusing to cooperate with the police does not stop assistance (L3575-L3576).
      const arrange = await c.task('arrange-assistance', 'P1');
      expect(arrange).toMatchObject({ agencyId: NGO, phase: 'psychosocial' });
      await c.complete(arrange, NP, FORMS.arrange);
      const risk = await c.task('risk-assessment', 'P1');
      expect(risk).toMatchObject({ agencyId: NGO, phase: 'protection' });
      await c.complete(risk, NP, FORMS.risk);

      // Court dates: one for an unknown code and one for an ended branch go unrouted; a volunteer may not report.
      expect(await updateFailureType(c.report({ ...NP, roles: ['volunteer'] }, 'P1'))).toBe('WrongReporter');
      await c.report(PO, 'P9');
      await c.report(NP, 'P2');
      await c.waitNotes('court-date-unrouted', 2);
      const unrouted = c.notes('court-date-unrouted').map((n) => n.detail);
      expect(unrouted).toEqual([
        { sequence: 2, reason: 'unknown-person' },
        { sequence: 3, person: 'P2', reason: 'branch-ended' },
      ]);
      await c.report(PO, 'P1');
      const escort1 = await c.task('court-escort', 'P1');
      expect(escort1).toMatchObject({ agencyId: NGO, roles: ['ngo-professional', 'ngo-coordinator'], phase: 'court' });
      await c.complete(escort1, NC, FORMS.escort);

      // Three months on: the quarterly meeting and P1's follow-up review open.
      await env.sleep('91 days');
      const review = await c.task('quarterly-review');
      expect(review).toMatchObject({
        agencyId: POLICE,
        roles: ['police-coordinator'],
        phase: 'review',
      });
      expect(review.subject).toBeUndefined();
      const follow1 = await c.task('person-follow-up', 'P1');
      expect(follow1).toMatchObject({ agencyId: NGO, roles: ['ngo-coordinator'] });
      await c.complete(review, PC, FORMS.review('close-operation'));
      await c.waitNotes('operation-close-pending', 1);
      expect(c.notes('operation-close-pending')[0].detail).toEqual({ openBranches: ['P1'] });
      expect((await c.handle.describe()).status.name).toBe('RUNNING');

      // A court date reported while the follow-up review is open is escorted before P1's follow-up may close.
      await c.report(NP, 'P1');
      await c.waitNotes('court-date-forwarded', 3);
      await c.complete(follow1, NC, FORMS.followUp('close-follow-up'));
      await c.waitNotes('follow-up-close-deferred', 1);
      await c.complete(await c.task('court-escort', 'P1'), NP, FORMS.escort);

      await env.sleep('91 days');
      await c.complete(await c.task('person-follow-up', 'P1'), NC, FORMS.followUp('close-follow-up'));
      const done = await c.handle.result();
      await c.saveHistories('joint-operation-main', {
        P1: 'joint-operation-person-escorted',
        P2: 'joint-operation-person-declined',
      });
      return done;
    });
    expect(result).toEqual({ caseId: 'jo-main', status: 'completed', endState: 'operation-closed' });
    expect(rec.closed).toEqual([expect.objectContaining({ status: 'completed', endState: 'operation-closed' })]);
    const steps = (subject?: string) => rec.tasks.filter((t) => t.subject === subject).map((t) => t.step);
    expect(parallelSorted(steps())).toEqual([
      'accept-request',
      'plan-logistics',
      'plan-operation',
      'deploy-operation',
      'quarterly-review',
    ]);
    expect(steps('P1')).toEqual([
      'rights-information',
      'assistance-decision',
      'arrange-assistance',
      'risk-assessment',
      'court-escort',
      'person-follow-up',
      'court-escort',
      'person-follow-up',
    ]);
    expect(steps('P2')).toEqual(['rights-information', 'assistance-decision']);
    const ends = rec.notes.filter((n) => n.kind === 'person-branch-ended').map((n) => n.detail);
    expect(ends).toEqual([
      { subject: 'P2', endState: 'assistance-declined', outcome: 'declined-assistance', reason: 'assistance-declined' },
      { subject: 'P1', endState: 'court-escort-completed', outcome: 'assisted', reason: 'court-escort-completed' },
    ]);
    // The timeline, which the police see, carries the assistance answer but never the cooperation answer.
    const decisions = rec.notes.filter((n) => n.step === 'assistance-decision').map((n) => n.detail);
    expect(decisions.sort((a, b) => String(a?.subject).localeCompare(String(b?.subject)))).toEqual([
      { subject: 'P1', field: 'assistance', value: 'accepts' },
      { subject: 'P2', field: 'assistance', value: 'declines' },
    ]);
    expect(JSON.stringify(rec.notes)).not.toMatch(/not-willing|cooperation/);
  });

  it('assisted and placed: follow-up and quarterly review recur every 90 days until both close', async () => {
    const { result, rec } = await scenario('jo-placed', async (c) => {
      await c.throughDeployment(1);
      await c.complete(await c.task('rights-information', 'P1'), NP, FORMS.rights);
      await c.complete(await c.task('assistance-decision', 'P1'), NP, FORMS.decision('accepts', 'undecided'));
      await c.complete(await c.task('arrange-assistance', 'P1'), NC, FORMS.arrange);
      await c.complete(await c.task('risk-assessment', 'P1'), NP, FORMS.risk);

      await env.sleep('91 days');
      const review1 = await c.task('quarterly-review');
      await c.complete(review1, PC, FORMS.review('continue'));
      await c.complete(await c.task('person-follow-up', 'P1'), NC, FORMS.followUp('continue'));
      // Nothing opens again before the next quarter.
      await env.sleep('30 days');
      expect(c.r.openTasks()).toEqual([]);

      await env.sleep('61 days');
      const review2 = await c.task('quarterly-review');
      expect(Date.parse(review2.openedAt) - Date.parse(review1.openedAt)).toBeGreaterThanOrEqual(90 * 86_400_000);
      await c.complete(await c.task('person-follow-up', 'P1'), NC, FORMS.followUp('close-follow-up'));
      // The operation learns the branch ended before the meeting closes it: the close takes effect at once.
      await waitUntil(
        async () => await c.rootHistoryHas('childWorkflowExecutionCompletedEventAttributes'),
        'child done',
      );
      await c.complete(review2, PC, FORMS.review('close-operation'));
      const done = await c.handle.result();
      await c.saveHistories('joint-operation-placed', { P1: 'joint-operation-person-placed' });
      return done;
    });
    expect(result.endState).toBe('operation-closed');
    expect(rec.notes.filter((n) => n.kind === 'operation-close-pending')).toEqual([]);
    expect(rec.tasks.filter((t) => t.step === 'quarterly-review')).toHaveLength(2);
    expect(rec.tasks.filter((t) => t.step === 'person-follow-up')).toHaveLength(2);
    expect(rec.tasks.map((t) => t.step)).not.toContain('court-escort');
    expect(rec.notes.find((n) => n.kind === 'person-branch-ended')?.detail).toEqual({
      subject: 'P1',
      endState: 'assisted-and-placed',
      outcome: 'assisted',
      reason: 'assisted-and-placed',
    });
  });

  it("assistance rests on the person's informed consent: recorded, it is that person's consent; not recorded, assistance waits for one", async () => {
    const { rec: recorded } = await scenario('jo-consent', async (c) => {
      const rec = c.r.rec;
      await c.throughDeployment(2);
      for (const code of ['P1', 'P2']) await c.complete(await c.task('rights-information', code), NP, FORMS.rights);
      await c.complete(await c.task('assistance-decision', 'P1'), NP, FORMS.decision('accepts', 'willing'));
      await c.complete(await c.task('assistance-decision', 'P2'), NP, {
        ...FORMS.decision('accepts', 'not-willing'),
        consentRecorded: false,
      });
      // P1's consent is P1's alone: P2's assistance waits, visibly, for P2's own.
      await c.task('arrange-assistance', 'P1');
      await waitUntil(() => rec.consentWaits.some((w) => w.subject === 'P2'), 'P2 waiting for consent');
      expect(rec.consents).toEqual([expect.objectContaining({ purpose: 'assistance', subject: 'P1' })]);
      expect(rec.tasks.some((t) => t.step === 'arrange-assistance' && t.subject === 'P2')).toBe(false);
      // The NGO records P2's consent (POST /cases/:id/consents); the nudge opens P2's assistance.
      rec.consents.push({
        consentId: 'p2-consent',
        purpose: 'assistance',
        subject: 'P2',
        scope: ['needs-and-risks'],
        withdrawn: false,
      });
      await c.env.client.workflow.getHandle(`${c.handle.workflowId}:P2`).signal(consentsChangedSignal);
      await c.task('arrange-assistance', 'P2');
      for (const [code, name] of [
        ['P1', 'joint-operation-person-consent-recorded'],
        ['P2', 'joint-operation-person-consent-awaited'],
      ])
        await saveHistoryIfRecording(c.env.client.workflow.getHandle(`${c.handle.workflowId}:${code}`), name);
      await c.handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: PC, reason: 'end of the test' }] });
      return c.handle.result();
    });
    expect(recorded.stepConsents).toHaveLength(1);
  });

  it('request declined: the NGO does not join and nothing else opens', async () => {
    const { result, rec } = await scenario('jo-declined', async (c) => {
      const accept = await c.task('accept-request');
      expect(await updateFailureType(c.complete(accept, NP, { decision: 'declined' }))).toBe('WrongRole');
      expect(await updateFailureType(c.complete(accept, NC, { decision: 'maybe' }))).toBe('InvalidForm');
      await c.complete(accept, NC, { decision: 'declined', declineReason: 'no-capacity' });
      const done = await c.handle.result();
      await saveHistoryIfRecording(c.handle, 'joint-operation-request-declined');
      return done;
    });
    expect(result).toEqual({ caseId: 'jo-declined', status: 'completed', endState: 'request-declined' });
    expect(rec.tasks.map((t) => t.step)).toEqual(['accept-request']);
  });

  it('no person identified: check and adjust, redeploy, then close', async () => {
    const { result, rec } = await scenario('jo-none', async (c) => {
      await c.throughDeployment(0);
      const check = await c.task('check-and-adjust');
      expect(check).toMatchObject({ agencyId: POLICE, roles: ['police-coordinator'], phase: 'review' });
      await c.complete(check, PC, FORMS.check('redeploy'));
      // Adjusting means planning again, both halves.
      await c.complete(await c.task('plan-operation'), PC, FORMS.planOperation);
      await c.complete(await c.task('plan-logistics'), NC, FORMS.planLogistics);
      await c.complete(await c.task('deploy-operation'), PC, FORMS.deploy(0));
      await c.complete(await c.task('check-and-adjust'), PC, FORMS.check('close'));
      const done = await c.handle.result();
      await saveHistoryIfRecording(c.handle, 'joint-operation-no-person');
      return done;
    });
    expect(result.endState).toBe('no-person-identified');
    expect(parallelSorted(rec.tasks.map((t) => t.step))).toEqual([
      'accept-request',
      'plan-logistics',
      'plan-operation',
      'deploy-operation',
      'check-and-adjust',
      'plan-logistics',
      'plan-operation',
      'deploy-operation',
      'check-and-adjust',
    ]);
    expect(rec.notes.filter((n) => n.kind === 'person-branch-started')).toEqual([]);
  });

  it('cancelled during the person branches: the case closes as cancelled', async () => {
    const { result, rec } = await scenario('jo-cancel', async (c) => {
      await c.throughDeployment(1);
      await c.task('rights-information', 'P1');
      await c.handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: PC, reason: 'operation called off' }] });
      const done = await c.handle.result();
      // Ending the person branch is left to Temporal's default parent close policy (terminate). The time-skipping
      // server does not apply it faithfully, so the e2e test checks it against the real server.
      expect(c.notes('person-branch-ended')).toEqual([]);
      expect((await c.handle.query(caseStateQuery)).status).toBe('cancelled');
      await saveHistoryIfRecording(c.handle, 'joint-operation-cancelled');
      return done;
    });
    expect(result).toEqual({ caseId: 'jo-cancel', status: 'cancelled', endState: 'cancelled' });
    expect(rec.closed).toEqual([
      expect.objectContaining({ status: 'cancelled', endState: 'cancelled', reason: 'operation called off' }),
    ]);
  });
});

/** One running case: finds recorded tasks, completes them in the workflow that owns them, reports events. */
class Ctx {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle,
    readonly r: ReturnType<typeof recordingActivities>,
  ) {}

  /**
   * Waits for the task's row, then for the owning workflow (the case's or a person's) to show it: the row is
   * written by an activity, so the two can briefly disagree.
   */
  async task(step: string, subject?: string): Promise<OpenTaskInput> {
    const task = await this.r.waitForTask(step, subject);
    const owner = this.env.client.workflow.getHandle(task.workflowId);
    await waitUntil(async () => (await owner.query(caseStateQuery)).tasks.some((t) => t.taskId === task.taskId), step);
    return task;
  }

  complete(task: OpenTaskInput, actor: Actor, form: Record<string, unknown>) {
    return this.env.client.workflow
      .getHandle(task.workflowId)
      .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, actor, form }] });
  }

  report(actor: Actor, person: string) {
    const data = { person, hearingDate: '2025-09-01', courtCode: 'AP-BCN-5' };
    return this.handle.executeUpdate(reportEventUpdate, { args: [{ type: 'court-date-set', actor, data }] });
  }

  notes(kind: string) {
    return this.r.rec.notes.filter((n) => n.kind === kind);
  }

  waitNotes(kind: string, count: number) {
    return waitUntil(() => this.notes(kind).length >= count, `${count} ${kind} note(s)`);
  }

  branchEnded(subject: string, endState: string) {
    return waitUntil(
      () =>
        this.notes('person-branch-ended').some((n) => n.detail?.subject === subject && n.detail?.endState === endState),
      `${subject} ended ${endState}`,
    );
  }

  async rootHistoryHas(attribute: string): Promise<boolean> {
    const history = await this.handle.fetchHistory();
    return (history.events ?? []).some((e) => (e as Record<string, unknown>)[attribute] != null);
  }

  async throughDeployment(persons: number) {
    await this.complete(await this.task('accept-request'), NC, FORMS.accept);
    await this.complete(await this.task('plan-operation'), PC, FORMS.planOperation);
    await this.complete(await this.task('plan-logistics'), NC, FORMS.planLogistics);
    await this.complete(await this.task('deploy-operation'), PO, FORMS.deploy(persons));
  }

  async saveHistories(root: string, children: Record<string, string>) {
    await saveHistoryIfRecording(this.handle, root);
    for (const [code, name] of Object.entries(children)) {
      await saveHistoryIfRecording(this.env.client.workflow.getHandle(`${this.handle.workflowId}:${code}`), name);
    }
  }
}
