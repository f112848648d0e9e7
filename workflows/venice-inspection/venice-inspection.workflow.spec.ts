import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  cancelCaseUpdate,
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
import { VENICE_INSPECTION_SOP } from './venice-inspection.sop';

const AGENCIES = VENICE_INSPECTION_SOP.participants;
const actor = (slot: keyof typeof AGENCIES, role: string, sub = `${slot}-${role}`): Actor => ({
  sub,
  agencyId: AGENCIES[slot].defaultAgency!,
  roles: [role],
});
const COORDINATOR = actor('unit', 'coordinator');
const MEDIATOR = actor('unit', 'cultural-mediator');
const SOCIAL_WORKER = actor('unit', 'social-worker');
const INSPECTOR = actor('inspectorate', 'labour-inspector');
const OFFICER = actor('police', 'police-officer');
const PROTECTION_OFFICER = actor('social-protection', 'protection-officer');
const TERRITORIAL = actor('social-services', 'social-worker');
const SHELTER = actor('child-shelter', 'shelter-worker');

const PAST_DAY = '2024-03-04';
const FORMS = {
  planUnit: (decision = 'confirmed', plannedDate = PAST_DAY) => ({
    decision,
    plannedDate,
    socialWorkersOnCall: 2,
    mediatorAssigned: true,
    mediatorLanguage: 'zh-wuu',
  }),
  planInspectorate: (decision = 'confirmed') => ({
    decision,
    inspectorsAssigned: 2,
    inspectionFileRef: 'ITL-VE-2024-17',
  }),
  planPolice: (decision = 'confirmed') => ({ decision, force: 'carabinieri', officersAssigned: 3 }),
  labourCheck: {
    workersPresent: 4,
    healthSafetyBreaches: true,
    workersWithoutContract: 3,
    livingOnPremises: true,
    inspectionRecordRef: 'INS-55',
  },
  policeCheck: { identityChecks: 4, withoutResidencePermit: 2, offenceReported: true },
  interviews: (workersInterviewed: number, vulnerableWorkerCodes: string[], childCodes: string[] = []) => ({
    workersInterviewed,
    mediatorSupported: true,
    vulnerableWorkerCodes,
    childrenFound: childCodes.length > 0,
    childCodes,
    settingSuitable: false,
  }),
  information: { workersInformed: 1, migrationLawCovered: true, labourRightsCovered: true, leafletsGiven: true },
  teamJoins: { socialWorkersDeployed: 2, psychologistDeployed: false, separateSpaceAvailable: true },
  needs: {
    interpreterPresent: true,
    needsHealthcare: true,
    needsAccommodation: true,
    needsLegalAdvice: true,
    immediateDanger: false,
    timeSufficient: false,
  },
  counselling: { migrationLawCovered: true, protectionOptionsCovered: true, leafletGiven: true, followUpAgreed: true },
  identification: (outcome: string) => ({
    outcome,
    exploitationForm: outcome === 'not-identified' ? 'none' : 'labour',
  }),
  referral: { programme: 'local', takenInChargeOn: '2024-03-05', accommodationProvided: true },
  child: (familyPresent: boolean) => ({
    familyPresent,
    ageEstimate: 9,
    unsafeConditions: true,
    childLabourSuspected: false,
  }),
  family: { livingConditionsAdequate: false, measures: 'family-support-plan', schoolingArranged: true },
  shelter: { admittedOn: '2024-03-04', assistedAs: 'unaccompanied-foreign-child', guardianRequested: true },
};
const PLANNING_STEPS = ['joint-planning-unit', 'joint-planning-inspectorate', 'joint-planning-police'];

describe('veniceInspectionWorkflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  // Time skipping is global to the test server: a workflow left running by a failed test (or a person branch the
  // time-skipping server does not terminate with its parent) would hold the clock for the tests after it.
  const started: string[] = [];
  afterEach(async () => {
    for (const id of started.splice(0)) {
      for (const wid of [id, ...['W1', 'W2', 'C1', 'C2'].map((c) => `${id}:${c}`)]) {
        await env.client.workflow
          .getHandle(wid)
          .terminate('test finished')
          .catch(() => undefined);
      }
    }
  });

  /** One case on its own task queue and workflow id, with helpers that complete tasks as a given actor. */
  async function harness(name: string) {
    const r = recordingActivities();
    const taskQueue = uniqueTaskQueue(`venice-${name}`);
    const worker: Worker = await createTestWorker(env, { taskQueue, activities: r.activities });
    const caseId = `venice-${name}-${process.pid}`;
    const workflowId = `case-${caseId}`;
    started.push(workflowId);
    const input: CaseStartInput = {
      caseId,
      sop: 'venice-inspection',
      sopVersion: 1,
      participants: Object.fromEntries(Object.entries(AGENCIES).map(([slot, p]) => [slot, p.defaultAgency!])),
      openedBy: COORDINATOR,
      intake: {
        triggerType: 'anonymous-letter',
        premisesType: 'textile-workshop',
        suspectedExploitation: 'labour',
        municipality: 'Venezia',
      },
    };
    const complete = (task: OpenTaskInput, by: Actor, form: Record<string, unknown>) =>
      env.client.workflow
        .getHandle(task.workflowId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, actor: by, form }] });
    /**
     * The open task of `step` (for `subject`), once its workflow holds it too: the recording activity sees a task
     * before the workflow has recorded the activity's completion, and an update sent in between finds no task.
     */
    const openTask = async (step: string, subject?: string) => {
      const task = await r.waitForTask(step, subject);
      const owner = env.client.workflow.getHandle(task.workflowId);
      await waitUntilAsync(async () => (await owner.query(caseStateQuery)).tasks.some((t) => t.taskId === task.taskId));
      return task;
    };
    /** Waits for the open task of `step` (for `subject`), checks who holds it, completes it. */
    const act = async (step: string, by: Actor, form: Record<string, unknown>, subject?: string) => {
      const task = await openTask(step, subject);
      expect([step, task.agencyId, task.roles]).toEqual([step, by.agencyId, by.roles]);
      await complete(task, by, form);
      return task;
    };
    const refusal = async (task: OpenTaskInput, by: Actor, form: Record<string, unknown>) => {
      try {
        await complete(task, by, form);
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) return err.cause.type;
        throw err;
      }
      return 'accepted';
    };
    const planAllConfirmed = async (plannedDate = PAST_DAY) => {
      await act('joint-planning-unit', COORDINATOR, FORMS.planUnit('confirmed', plannedDate));
      await act('joint-planning-inspectorate', INSPECTOR, FORMS.planInspectorate());
      await act('joint-planning-police', OFFICER, FORMS.planPolice());
    };
    const onSiteChecks = async () => {
      await act('compliance-check-labour', INSPECTOR, FORMS.labourCheck);
      await act('compliance-check-police', OFFICER, FORMS.policeCheck);
    };
    const start = () => env.client.workflow.start('veniceInspectionWorkflow', { taskQueue, workflowId, args: [input] });
    const child = (code: string) =>
      env.client.workflow.getHandle<(i: CaseStartInput) => Promise<CaseResult>>(`${workflowId}:${code}`);
    const steps = () => r.rec.tasks.map((t) => (t.subject ? `${t.step}/${t.subject}` : t.step));
    return {
      r,
      worker,
      caseId,
      workflowId,
      openTask,
      act,
      refusal,
      planAllConfirmed,
      onSiteChecks,
      start,
      child,
      steps,
    };
  }

  /** Over every task the run opened: no agency role received tasks of both the inspection and the protection phase. */
  function expectPhasesSeparated(tasks: readonly OpenTaskInput[]) {
    const holders = (phase: string) =>
      new Set(tasks.filter((t) => t.phase === phase).flatMap((t) => t.roles.map((role) => `${t.agencyId}:${role}`)));
    const inspection = holders('inspection');
    const protection = holders('protection');
    expect([...inspection].filter((h) => protection.has(h))).toEqual([]);
    for (const t of tasks)
      expect([t.step, t.phase]).toEqual([t.step, VENICE_INSPECTION_SOP.steps.find((s) => s.id === t.step)!.phase]);
  }

  it('main path: plan, inspect, inform, and run each vulnerable worker and child in its own branch', async () => {
    const h = await harness('main');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      // Three confirmations open in parallel, one per agency.
      for (const step of PLANNING_STEPS) await h.r.waitForTask(step);
      expect(sortedBy0(h.r.rec.tasks.map((t) => [t.step, t.agencyId, t.roles[0], t.phase]))).toEqual([
        ['joint-planning-inspectorate', 'venice-labour-inspectorate', 'labour-inspector', 'planning'],
        ['joint-planning-police', 'venice-police', 'police-officer', 'planning'],
        ['joint-planning-unit', 'venice-cau', 'coordinator', 'planning'],
      ]);
      const first = await h.openTask('joint-planning-unit');
      expect(Date.parse(first.dueAt!) - Date.parse(first.openedAt)).toBe(2 * 24 * 3600_000);
      expect(await h.refusal(first, OFFICER, FORMS.planUnit())).toBe('WrongAgency');
      await h.planAllConfirmed();
      await h.onSiteChecks();
      // A name in a code list would be refused (see the sent-back test); these are codes.
      const interviews = await h.act('worker-interviews', INSPECTOR, FORMS.interviews(3, ['W1', 'W2'], ['C1', 'C2']));
      expect(interviews.phase).toBe('inspection');

      const handOff = await h.openTask('municipal-team-joins');
      await h.r.waitForTask('information-non-vulnerable');
      // Nobody works with a person before the municipal team has joined (L4409-L4410).
      expect(h.r.rec.tasks.filter((t) => t.subject)).toEqual([]);
      expect(await h.refusal(handOff, MEDIATOR, FORMS.teamJoins)).toBe('WrongRole');
      await h.act('municipal-team-joins', COORDINATOR, FORMS.teamJoins);

      for (const code of ['W1', 'W2']) {
        const t = await h.r.waitForTask('preliminary-needs-assessment', code);
        expect(t).toMatchObject({
          agencyId: 'venice-cau',
          roles: ['social-worker'],
          phase: 'protection',
          workflowId: `${h.workflowId}:${code}`,
        });
        expect(Date.parse(t.dueAt!) - Date.parse(t.openedAt)).toBe(24 * 3600_000);
      }
      const childTask = await h.openTask('child-assessment', 'C1');
      // Inspection-phase people cannot act on protection-phase tasks: not the inspector, not the Unit's own mediator.
      expect(await h.refusal(childTask, INSPECTOR, FORMS.child(true))).toBe('WrongAgency');
      expect(await h.refusal(childTask, MEDIATOR, FORMS.child(true))).toBe('WrongRole');

      await h.act('information-non-vulnerable', MEDIATOR, FORMS.information);
      await h.act('preliminary-needs-assessment', SOCIAL_WORKER, FORMS.needs, 'W1');
      await h.act('information-and-counselling', SOCIAL_WORKER, FORMS.counselling, 'W1');
      await h.act(
        'identification-decision',
        SOCIAL_WORKER,
        FORMS.identification('identified-consents-to-referral'),
        'W1',
      );
      const referral = await h.act('referral-to-social-protection', PROTECTION_OFFICER, FORMS.referral, 'W1');
      expect(referral.phase).toBe('protection');
      // The worker's agreement becomes a consent for W1 alone naming the social protection staff, who read W1's
      // records with it and nothing of any other worker's.
      expect(h.r.rec.consents).toEqual([
        expect.objectContaining({
          purpose: 'sharing',
          subject: 'W1',
          sharedWithAgency: 'venice-social-protection',
          scope: expect.arrayContaining(['needs-and-risks', 'exploitation-form']),
        }),
      ]);
      await h.act('preliminary-needs-assessment', SOCIAL_WORKER, FORMS.needs, 'W2');
      await h.act('information-and-counselling', SOCIAL_WORKER, FORMS.counselling, 'W2');
      await h.act('identification-decision', SOCIAL_WORKER, FORMS.identification('not-identified'), 'W2');
      await h.act('child-assessment', SOCIAL_WORKER, FORMS.child(true), 'C1');
      await h.act('family-conditions-assessment', TERRITORIAL, FORMS.family, 'C1');
      await h.act('child-assessment', SOCIAL_WORKER, FORMS.child(false), 'C2');
      await h.act('child-shelter-placement', SHELTER, FORMS.shelter, 'C2');
      const out = await handle.result();
      // One result() at a time: each unlocks the test server's clock, and overlapping unlocks unbalance it.
      const branchEnds = [];
      for (const c of ['W1', 'W2', 'C1', 'C2']) branchEnds.push([c, (await h.child(c).result()).endState]);
      expect(branchEnds).toEqual([
        ['W1', 'closed-referred-to-social-protection'],
        ['W2', 'closed-counselled-not-identified'],
        ['C1', 'child-family-assessed'],
        ['C2', 'child-placed-in-shelter'],
      ]);
      await saveHistoryIfRecording(handle, 'venice-inspection-main');
      // Recorded with the referral consent (venice-referral-consent); the history without it stays under its name.
      await saveHistoryIfRecording(h.child('W1'), 'venice-inspection-worker-referred-consent');
      await saveHistoryIfRecording(h.child('W2'), 'venice-inspection-worker-not-identified');
      await saveHistoryIfRecording(h.child('C1'), 'venice-inspection-child-family');
      await saveHistoryIfRecording(h.child('C2'), 'venice-inspection-child-shelter');
      return out;
    });
    expect(result).toEqual({ caseId: h.caseId, status: 'completed', endState: 'closed-referred-to-social-protection' });
    expect(h.r.rec.closed.map((c) => [c.status, c.endState])).toEqual([
      ['completed', 'closed-referred-to-social-protection'],
    ]);
    // The case-level order up to the hand-off is fixed (tasks opened in parallel may be recorded in any order);
    // the per-person steps follow in each branch's own order.
    const order = h.steps();
    expect([order.slice(0, 3).sort(), order.slice(3, 5).sort(), order[5], order.slice(6, 8).sort()]).toEqual([
      [...PLANNING_STEPS].sort(),
      ['compliance-check-labour', 'compliance-check-police'],
      'worker-interviews',
      ['information-non-vulnerable', 'municipal-team-joins'],
    ]);
    expect(h.steps().filter((s) => s.endsWith('/W2'))).toEqual([
      'preliminary-needs-assessment/W2',
      'information-and-counselling/W2',
      'identification-decision/W2',
    ]);
    expect(h.steps()).toHaveLength(8 + 4 + 3 + 2 + 2);
    expectPhasesSeparated(h.r.rec.tasks);
    // Protection-phase decisions stay off the timeline every participant reads; only planning decisions are noted.
    const decisions = h.r.rec.notes.filter((n) => n.kind === 'decision').map((n) => n.step);
    expect(decisions).toEqual(PLANNING_STEPS);
    expect(h.r.rec.notes.filter((n) => n.kind === 'person-branch-started').map((n) => n.detail?.subject)).toEqual([
      'W1',
      'W2',
      'C1',
      'C2',
    ]);
  });

  it('revise round, then the Unit calls the inspection off without waiting for the partners', async () => {
    const h = await harness('called-off');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      await h.act('joint-planning-unit', COORDINATOR, FORMS.planUnit());
      await h.act('joint-planning-police', OFFICER, FORMS.planPolice());
      await h.act('joint-planning-inspectorate', INSPECTOR, FORMS.planInspectorate('revise'));
      // A new round opens for all three agencies.
      await h.r.waitForTask('joint-planning-police');
      await h.r.waitForTask('joint-planning-inspectorate');
      await h.act('joint-planning-unit', COORDINATOR, FORMS.planUnit('call-off'));
      const out = await handle.result();
      const state = await handle.query(caseStateQuery);
      // The partners' second-round confirmations were never answered: they close with the case.
      expect(sortedBy0(state.tasks.map((t) => [t.step, t.status]))).toEqual([
        ['joint-planning-inspectorate', 'cancelled'],
        ['joint-planning-inspectorate', 'completed'],
        ['joint-planning-police', 'cancelled'],
        ['joint-planning-police', 'completed'],
        ['joint-planning-unit', 'completed'],
        ['joint-planning-unit', 'completed'],
      ]);
      await saveHistoryIfRecording(handle, 'venice-inspection-called-off');
      return out;
    });
    expect(result.endState).toBe('inspection-called-off');
    const revision = h.r.rec.notes.find((n) => n.kind === 'plan-revision-requested');
    expect(revision?.detail).toEqual({ round: 1, agencies: ['venice-labour-inspectorate'] });
    expect(h.steps().sort()).toEqual([...PLANNING_STEPS, ...PLANNING_STEPS].sort());
    expect(h.r.rec.closed.map((c) => c.endState)).toEqual(['inspection-called-off']);
  });

  it('nobody vulnerable: waits for the inspection day, informs the workers, never opens a protection task', async () => {
    const h = await harness('no-vulnerable');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      const day = new Date((await env.currentTimeMs()) + 3 * 24 * 3600_000).toISOString().slice(0, 10);
      await h.planAllConfirmed(day);
      await waitUntil(() => h.r.rec.notes.some((n) => n.kind === 'waiting-for-inspection-day'));
      expect(h.steps().sort()).toEqual([...PLANNING_STEPS].sort());
      await env.sleep('4 days');
      const check = await h.r.waitForTask('compliance-check-labour');
      expect(Date.parse(check.openedAt)).toBeGreaterThanOrEqual(Date.parse(day));
      await h.onSiteChecks();
      await h.act('worker-interviews', INSPECTOR, FORMS.interviews(4, []));
      await h.act('information-non-vulnerable', MEDIATOR, { ...FORMS.information, workersInformed: 4 });
      const out = await handle.result();
      await saveHistoryIfRecording(handle, 'venice-inspection-no-vulnerable');
      return out;
    });
    expect(result.endState).toBe('closed-no-vulnerable-workers');
    expect(h.r.rec.tasks.filter((t) => t.phase === 'protection')).toEqual([]);
    expect(h.r.rec.notes.filter((n) => n.kind === 'person-branch-started')).toEqual([]);
  });

  it('sends back an interview record whose codes are not codes; a declined referral reaches nobody', async () => {
    const h = await harness('declined');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      await h.planAllConfirmed();
      await h.onSiteChecks();
      const first = await h.act('worker-interviews', INSPECTOR, FORMS.interviews(2, ['worker 1', 'W2']));
      const again = await h.r.waitForTask('worker-interviews');
      expect(again.taskId).not.toBe(first.taskId);
      const sentBack = h.r.rec.notes.find((n) => n.kind === 'interview-record-sent-back');
      expect(sentBack?.detail).toEqual({ problems: ['worker-code-format'] });
      expect(JSON.stringify(h.r.rec.notes)).not.toContain('worker 1');
      await h.act('worker-interviews', INSPECTOR, FORMS.interviews(2, ['W1', 'W2']));
      await h.act('municipal-team-joins', COORDINATOR, FORMS.teamJoins);
      for (const [code, outcome] of [
        ['W1', 'identified-declines-referral'],
        ['W2', 'not-identified'],
      ]) {
        await h.act('preliminary-needs-assessment', SOCIAL_WORKER, FORMS.needs, code);
        await h.act('information-and-counselling', SOCIAL_WORKER, FORMS.counselling, code);
        await h.act('identification-decision', SOCIAL_WORKER, FORMS.identification(outcome), code);
      }
      const out = await handle.result();
      expect((await h.child('W1').result()).endState).toBe('closed-referral-declined');
      // A worker who declined gives no consent: the social protection staff read nothing of theirs.
      expect(h.r.rec.consents).toEqual([]);
      await saveHistoryIfRecording(handle, 'venice-inspection-declined');
      await saveHistoryIfRecording(h.child('W1'), 'venice-inspection-worker-declined');
      return out;
    });
    expect(result.endState).toBe('closed-referral-declined');
    // Both interviewed workers were vulnerable: no information step; the declined worker is never referred.
    expect(h.steps()).not.toContain('information-non-vulnerable');
    expect(h.r.rec.tasks.filter((t) => t.agencyId === 'venice-social-protection')).toEqual([]);
    expect(h.steps().filter((s) => s === 'worker-interviews')).toHaveLength(2);
  });

  it('ends counselled-not-identified when no worker is identified; a child without family goes to the shelter', async () => {
    const h = await harness('not-identified');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      await h.planAllConfirmed();
      await h.onSiteChecks();
      await h.act('worker-interviews', INSPECTOR, FORMS.interviews(1, ['W1'], ['C1']));
      await h.act('municipal-team-joins', COORDINATOR, FORMS.teamJoins);
      await h.act('child-assessment', SOCIAL_WORKER, FORMS.child(false), 'C1');
      const shelter = await h.act('child-shelter-placement', SHELTER, FORMS.shelter, 'C1');
      expect(shelter).toMatchObject({ subject: 'C1', phase: 'protection', agencyId: 'venice-child-shelter' });
      await h.act('preliminary-needs-assessment', SOCIAL_WORKER, FORMS.needs, 'W1');
      await h.act('information-and-counselling', SOCIAL_WORKER, FORMS.counselling, 'W1');
      await h.act('identification-decision', SOCIAL_WORKER, FORMS.identification('not-identified'), 'W1');
      const out = await handle.result();
      await saveHistoryIfRecording(handle, 'venice-inspection-not-identified');
      return out;
    });
    expect(result.endState).toBe('closed-counselled-not-identified');
    expect(h.steps()).not.toContain('family-conditions-assessment/C1');
    expectPhasesSeparated(h.r.rec.tasks);
  });

  it("routes an event about one person to that person's branch only; the case ends once every person has an outcome", async () => {
    const h = await harness('person-event');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      await h.planAllConfirmed();
      await h.onSiteChecks();
      await h.act('worker-interviews', INSPECTOR, FORMS.interviews(2, ['W1', 'W2']));
      await h.act('municipal-team-joins', COORDINATOR, FORMS.teamJoins);
      await h.openTask('preliminary-needs-assessment', 'W2');
      const report = (person: string) =>
        handle.executeUpdate(reportEventUpdate, {
          args: [{ type: 'person-lost-contact', actor: SOCIAL_WORKER, data: { person, reason: 'moved-away' } }],
        });
      const refusal = async (p: Promise<unknown>) =>
        p.then(
          () => 'accepted',
          (err: unknown) =>
            err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure
              ? `${err.cause.type}: ${err.cause.message}`
              : 'other',
        );
      expect(await refusal(report('W7'))).toMatch(/^EventNotApplicable: No person of this case has the code/);
      await report('W2');
      // W2's branch ends with its outcome and reason; its open task closes with it; W1's branch goes on.
      expect(await h.child('W2').result()).toMatchObject({ endState: 'person-lost-contact' });
      // The case learns of the branch's end in its next workflow task: wait for that task in its history.
      const w2 = h.child('W2').workflowId;
      await waitUntilAsync(async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        const at = events.findIndex(
          (e) => e.childWorkflowExecutionCompletedEventAttributes?.workflowExecution?.workflowId === w2,
        );
        return at >= 0 && events.slice(at).some((e) => e.workflowTaskCompletedEventAttributes);
      });
      expect(await refusal(report('W2'))).toMatch(/^EventNotApplicable: The branch of the person .* has already ended/);
      const ended = h.r.rec.notes.find((n) => n.kind === 'person-branch-ended' && n.detail?.subject === 'W2');
      expect(ended?.detail).toMatchObject({
        endState: 'person-lost-contact',
        outcome: 'lost-contact',
        reason: 'moved-away',
      });
      expect((await handle.query(caseStateQuery)).status).toBe('open');
      await h.act('preliminary-needs-assessment', SOCIAL_WORKER, FORMS.needs, 'W1');
      await h.act('information-and-counselling', SOCIAL_WORKER, FORMS.counselling, 'W1');
      await h.act('identification-decision', SOCIAL_WORKER, FORMS.identification('identified-declines-referral'), 'W1');
      const out = await handle.result();
      await saveHistoryIfRecording(handle, 'venice-inspection-person-event');
      return out;
    });
    expect(result.endState).toBe('closed-referral-declined');
    const outcomes = h.r.rec.notes
      .filter((n) => n.kind === 'person-branch-ended')
      .map((n) => [n.detail?.subject, n.detail?.outcome]);
    expect(sortedBy0(outcomes)).toEqual([
      ['W1', 'declined-assistance'],
      ['W2', 'lost-contact'],
    ]);
    expect(h.steps()).not.toContain('information-and-counselling/W2');
  });

  it('cancelled during the protection phase: the case closes with every open task, person branches included', async () => {
    const h = await harness('cancelled');
    const result = await h.worker.runUntil(async () => {
      const handle = await h.start();
      await h.planAllConfirmed();
      await h.onSiteChecks();
      await h.act('worker-interviews', INSPECTOR, FORMS.interviews(1, [], ['C1']));
      await h.act('municipal-team-joins', COORDINATOR, FORMS.teamJoins);
      await h.openTask('child-assessment', 'C1');
      await handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: COORDINATOR, reason: 'opened twice' }] });
      const out = await handle.result();
      const state = await handle.query(caseStateQuery);
      expect(state.tasks.filter((t) => t.status === 'open')).toEqual([]);
      expect(state.tasks.find((t) => t.step === 'information-non-vulnerable')?.status).toBe('cancelled');
      await saveHistoryIfRecording(handle, 'venice-inspection-cancelled');
      return out;
    });
    expect(result).toEqual({ caseId: h.caseId, status: 'cancelled', endState: 'cancelled' });
    expect(h.r.rec.closed.map((c) => [c.status, c.endState])).toEqual([['cancelled', 'cancelled']]);
    expect(h.r.rec.completed.map((c) => c.step)).not.toContain('child-assessment');
    // closeCase closes every open task of the case, the person branches' included (CaseStore.closeCase); the branch
    // workflows end with their parent by Temporal's default parent-close policy, which the time-skipping server does
    // not apply, so the e2e test checks that part against a real server.
    expect(h.r.rec.closed[0].caseId).toBe(h.caseId);
  });
});

function sortedBy0<T extends unknown[]>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function waitUntil(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  await waitUntilAsync(async () => cond(), timeoutMs);
}

async function waitUntilAsync(cond: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
