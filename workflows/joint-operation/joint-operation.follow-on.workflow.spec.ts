import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  caseStateQuery,
  completeTaskUpdate,
  consentsChangedSignal,
  type Actor,
  type CaseStartInput,
  type LinkedCaseActivities,
  type OpenTaskInput,
  type StartFollowOnInput,
} from '@waymark/contracts';
import { followOnCaseId } from '../../apps/worker/src/follow-on-id';
import { recordingActivities } from '../../test/support/recording-activities';
import {
  createTestWorker,
  createTimeSkippingEnv,
  saveHistoryIfRecording,
  uniqueTaskQueue,
} from '../../test/support/workflow-env';

const POLICE = 'mossos-thb-unit';
const NGO = 'sicar-cat';
const PC: Actor = { sub: 'pc-1', agencyId: POLICE, roles: ['police-coordinator'] };
const PO: Actor = { sub: 'po-1', agencyId: POLICE, roles: ['police-officer'] };
const NP: Actor = { sub: 'np-1', agencyId: NGO, roles: ['ngo-professional'] };
const NC: Actor = { sub: 'nc-1', agencyId: NGO, roles: ['ngo-coordinator'] };

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const FORMS = {
  accept: { decision: 'accepted', contactPointCode: 'SC-07' },
  planOperation: {
    deploymentDate: '2025-05-10',
    officersDeployed: 12,
    sitesCount: 2,
    expectedPersons: 2,
    communicationChannelAgreed: true,
  },
  planLogistics: {
    accommodationPlaces: 2,
    interpretersBooked: 1,
    referralRoutes: ['shelter'],
    ngoProfessionalsOnSite: 2,
  },
  deploy: { deployedOn: '2025-05-10', personsIdentified: 2, ngoPresent: true },
  rights: {
    informedAt: '2025-05-10',
    language: 'ro',
    interpreterUsed: true,
    topicsCovered: ['rights'],
    understood: true,
  },
  decision: { assistance: 'accepts', cooperationWithPolice: 'undecided', consentRecorded: true },
  arrange: { accommodation: 'ngo-shelter', interpreterAssigned: true, futureOption: 'assisted-return' },
  refer: (referral: string) => ({
    referral,
    isMinor: false,
    returnCountry: 'RO',
    plannedReturnDate: inDays(40),
    note: 'Wants to go back to her family; never carried.',
  }),
};

async function waitUntil(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A follow-on case started from a joint operation's person branch (StepSpec.startsCase on refer-for-return). The
 * activity here does what the worker's does for idempotency: it starts the other SOP's workflow under the id derived
 * from the case, step and person code. Its first attempt dies after the start (a worker crash between the start and
 * the answer); the retry must find that workflow and start no second one.
 */
describe('joint operation: follow-on assisted-return case', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  it('starts the follow-on once, under consent, carrying only the declared fields, even when the activity is retried', async () => {
    const r = recordingActivities();
    const calls: StartFollowOnInput[] = [];
    const runIds: string[] = [];
    const duplicatesRefused: string[] = [];
    // No worker polls this queue: the follow-on's workflow only has to exist, once.
    const followOnQueue = uniqueTaskQueue('follow-on-unpolled');
    const linked: LinkedCaseActivities = {
      startFollowOnCase: async (i) => {
        calls.push(i);
        const caseId = followOnCaseId(i.caseId, i.step, i.subject);
        try {
          const h = await env.client.workflow.start('assistedReturnWorkflow', {
            taskQueue: followOnQueue,
            workflowId: `case-${caseId}`,
            args: [
              {
                caseId,
                sop: i.targetSop,
                sopVersion: 1,
                participants: i.participants,
                openedBy: i.openedBy,
                intake: i.intake,
              },
            ],
          });
          runIds.push(h.firstExecutionRunId);
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          duplicatesRefused.push(caseId);
        }
        if (calls.length === 1) throw new Error('worker lost after starting the follow-on');
        return { started: true, caseId, created: true };
      },
    };
    const taskQueue = uniqueTaskQueue('joint-op-follow-on');
    const worker = await createTestWorker(env, { taskQueue, activities: { ...r.activities, ...linked } });
    const caseId = 'jo-follow-on';
    const input: CaseStartInput = {
      caseId,
      sop: 'joint-operation',
      sopVersion: 1,
      participants: { police: POLICE, ngo: NGO },
      openedBy: PC,
      intake: { operationCode: 'OP-2025-018', exploitationType: 'labour', plannedDate: inDays(3) },
    };
    const task = async (step: string, subject?: string): Promise<OpenTaskInput> => {
      const t = await r.waitForTask(step, subject);
      const owner = env.client.workflow.getHandle(t.workflowId);
      await waitUntil(async () => (await owner.query(caseStateQuery)).tasks.some((x) => x.taskId === t.taskId), step);
      return t;
    };
    const complete = async (step: string, actor: Actor, form: Record<string, unknown>, subject?: string) => {
      const t = await task(step, subject);
      await env.client.workflow
        .getHandle(t.workflowId)
        .executeUpdate(completeTaskUpdate, { args: [{ taskId: t.taskId, actor, form }] });
    };

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('jointOperationWorkflow', {
        taskQueue,
        workflowId: `case-${caseId}`,
        args: [input],
      });
      await complete('accept-request', NC, FORMS.accept);
      await complete('plan-operation', PC, FORMS.planOperation);
      await complete('plan-logistics', NC, FORMS.planLogistics);
      await complete('deploy-operation', PO, FORMS.deploy);
      for (const p of ['P1', 'P2']) {
        await complete('rights-information', NP, FORMS.rights, p);
        await complete('assistance-decision', NP, FORMS.decision, p);
        await complete('arrange-assistance', NC, FORMS.arrange, p);
      }
      // P2 changed their mind at the referral: no follow-on.
      await complete('refer-for-return', NP, FORMS.refer('person-changed-mind'), 'P2');
      await task('risk-assessment', 'P2');
      // P1 is referred, but no consent to pass data to the return's team is recorded yet: the gate waits, visibly.
      await complete('refer-for-return', NP, FORMS.refer('refer'), 'P1');
      await waitUntil(() => r.rec.consentWaits.some((w) => w.subject === 'P1'), 'consent wait of P1');
      expect(r.rec.consentWaits.find((w) => w.subject === 'P1')).toMatchObject({
        step: 'refer-for-return',
        purpose: 'return',
        scope: ['identity', 'travel'],
      });
      expect(calls).toEqual([]);
      r.rec.consents.push({ consentId: 'c-1', purpose: 'return', scope: ['identity', 'travel'], withdrawn: false });
      // The API nudges the case's workflow; the operation passes the nudge on to its person branches.
      await handle.signal(consentsChangedSignal);

      // The branch goes on once the follow-on has started (after the retry).
      await task('risk-assessment', 'P1');
      await saveHistoryIfRecording(
        env.client.workflow.getHandle(`case-${caseId}:P1`),
        'joint-operation-person-follow-on',
      );
      await handle.terminate('test over');
      await saveHistoryIfRecording(handle, 'joint-operation-follow-on');
    });

    const followOnId = followOnCaseId(caseId, 'refer-for-return', 'P1');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[0]).toMatchObject({
      caseId,
      sop: 'joint-operation',
      step: 'refer-for-return',
      subject: 'P1',
      targetSop: 'assisted-return',
      participants: { 'destination-ngo': NGO },
      openedBy: NP,
    });
    // Only the declared intake fields: never the note, the operation's code or anything else of this case.
    expect(calls[0].intake).toEqual({ isMinor: false, returnCountry: 'RO', plannedReturnDate: inDays(40) });
    // One workflow: the retry met the one the first attempt started.
    expect(runIds).toHaveLength(1);
    expect(duplicatesRefused).toEqual([followOnId]);
    const described = await env.client.workflow.getHandle(`case-${followOnId}`).describe();
    expect(described.runId).toBe(runIds[0]);
    expect(described.type).toBe('assistedReturnWorkflow');
    // The id holds no personal data: a UUID derived from ids and the person's code only.
    expect(followOnId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(followOnCaseId(caseId, 'refer-for-return', 'P2')).not.toBe(followOnId);
  });
});
