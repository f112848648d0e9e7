import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import {
  changeParticipantUpdate,
  completeTaskUpdate,
  consentsChangedSignal,
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

const AGENCIES = {
  ngo: 'mh-heilbronn',
  prosecutor: 'prosecutor-office-heilbronn',
  police: 'police-witness-protection',
  'origin-ngo': 'adpare',
  advocate: 'victim-advocate-service',
};
const { 'origin-ngo': _origin, ...withoutOriginNgo } = AGENCIES;
const NGO: Actor = { sub: 'nina', agencyId: 'mh-heilbronn', roles: ['ngo-professional'] };
const NGO_CO: Actor = { sub: 'nora', agencyId: 'mh-heilbronn', roles: ['ngo-coordinator'] };
const PROSECUTOR: Actor = { sub: 'pia', agencyId: 'prosecutor-office-heilbronn', roles: ['prosecutor'] };
const POLICE: Actor = { sub: 'paul', agencyId: 'police-witness-protection', roles: ['police-officer'] };
const ORIGIN: Actor = { sub: 'oana', agencyId: 'adpare', roles: ['ngo-professional'] };
const ADVOCATE: Actor = { sub: 'alex', agencyId: 'victim-advocate-service', roles: ['victim-advocate'] };
/** The lawyer the witness chose, who joins the case once it runs (L7676). */
const LAWYER: Actor = { sub: 'lena', agencyId: 'lawyer-office-late', roles: ['victim-advocate'] };

const ACTOR: Record<string, Actor> = {
  'inform-witness': NGO,
  'testimony-decision': NGO,
  'appoint-advocate': NGO_CO,
  'risk-assessment': POLICE,
  'confirm-hearing': PROSECUTOR,
  'book-travel': ORIGIN,
  'lawyer-meeting': ADVOCATE,
  'pre-trial-support': NGO,
  'hearing-escort': NGO,
  'post-hearing-follow-up': NGO,
};

const DAY = 86_400_000;
const day = (now: number, n: number) => new Date(now + n * DAY).toISOString().slice(0, 10);

function forms(now: number, hearingIn: number): Record<string, Record<string, unknown>> {
  return {
    'inform-witness': {
      informedOn: day(now, 0),
      informedThrough: 'origin-ngo',
      interpreterUsed: true,
      proceedingsExplained: true,
    },
    'testimony-decision': {
      decision: 'testify',
      givenBy: 'person',
      consentForm: 'written',
      shareRisksWithPolice: true,
    },
    'appoint-advocate': { advocateStatus: 'appointed', authorisationSignedBy: 'guardian' },
    'risk-assessment': {
      overallRisk: 'high',
      riskFromNetwork: 'high',
      riskToFamily: 'medium',
      policeEscortToCourt: true,
      protectionAtHearing: true,
      familyProtection: true,
      identityShielding: true,
    },
    'confirm-hearing': {
      hearingDate: day(now, hearingIn),
      attendance: 'in-person',
      separateWaitingArea: true,
      screenOrClosedSession: false,
      courtArrangesTravel: 'no',
    },
    'book-travel': {
      outboundDate: day(now, hearingIn - 1),
      accommodationArranged: true,
      companionTravels: true,
      escortTravels: false,
      costsCoveredBy: 'destination-ngo',
    },
    'lawyer-meeting': { meetingOn: day(now, hearingIn - 1), interpreterProvided: true, interpretationAdequate: true },
    'pre-trial-support': {
      counsellingSessions: 2,
      proceedingsExplained: true,
      interpreterBooked: true,
      enoughPreparationTime: true,
    },
    'hearing-escort': {
      outcome: 'testified',
      accompanied: true,
      interpreterAtHearing: true,
      policeProtectionProvided: true,
      orderedMeasuresApplied: true,
    },
    'post-hearing-follow-up': {
      counsellingAfter: true,
      returnTravel: 'done',
      informedOfOutcome: true,
      furtherHearingExpected: false,
    },
  };
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

type Recorder = ReturnType<typeof recordingActivities>;

class Driver {
  constructor(
    readonly handle: WorkflowHandle,
    readonly r: Recorder,
    readonly now: number,
    readonly form: Record<string, Record<string, unknown>>,
  ) {}

  task(step: string): Promise<OpenTaskInput> {
    return this.r.waitForTask(step);
  }

  attempt(task: OpenTaskInput, actor: Actor, form: Record<string, unknown>): Promise<unknown> {
    return this.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, actor, form }] });
  }

  /** Completes the open task of `step` as the agency and role the declaration gives it, after checking who holds it. */
  async complete(step: string, form: Record<string, unknown> = {}, actor = ACTOR[step]): Promise<OpenTaskInput> {
    const task = await this.task(step);
    expect({ step, agencyId: task.agencyId }).toEqual({ step, agencyId: actor.agencyId });
    await this.attempt(task, actor, { ...this.form[step], ...form });
    return task;
  }

  report(type: string, actor: Actor, data: Record<string, unknown>): Promise<unknown> {
    return this.handle.executeUpdate(reportEventUpdate, { args: [{ type, actor, data }] });
  }

  opened(): string[] {
    return this.r.rec.tasks.map((t) => t.step);
  }
}

let seq = 0;
async function runCase(
  name: string,
  intake: Record<string, unknown>,
  hearingIn: number,
  drive: (d: Driver) => Promise<void>,
): Promise<{ result: CaseResult; d: Driver }> {
  const r = recordingActivities();
  const taskQueue = uniqueTaskQueue(`court-${name}`);
  const worker = await createTestWorker(env, { taskQueue, activities: r.activities });
  return worker.runUntil(async () => {
    seq += 1;
    const caseId = `court-${name}-${seq}`;
    const now = await env.currentTimeMs();
    const cross = intake.courtInAnotherCountry === true;
    const input: CaseStartInput = {
      caseId,
      sop: 'court-testimony',
      sopVersion: 1,
      // The NGO in the witness's country takes part only when the court is in another country (onlyWhen).
      participants: cross ? AGENCIES : withoutOriginNgo,
      openedBy: PROSECUTOR,
      intake: {
        requestCode: 'HN-2026-17',
        witnessCode: 'P1',
        requestedBy: 'police',
        proceedings: 'trial',
        isMinor: false,
        ...intake,
      },
    };
    const handle = await env.client.workflow.start('courtTestimonyWorkflow', {
      taskQueue,
      workflowId: `case-${caseId}`,
      args: [input],
    });
    const d = new Driver(handle, r, now, forms(now, hearingIn));
    try {
      await drive(d);
    } catch (err) {
      await handle.terminate('test failed').catch(() => undefined);
      throw err;
    }
    const result: CaseResult = await handle.result();
    await saveHistoryIfRecording(handle, `court-testimony-${name}`);
    expect(r.rec.closed.map((c) => [c.status, c.endState])).toEqual([[result.status, result.endState]]);
    return { result, d };
  });
}

describe('courtTestimonyWorkflow', () => {
  it('prepares a witness for a court in another country: consent, late lawyer, travel before the hearing, escort', async () => {
    const { result, d } = await runCase(
      'main',
      { courtInAnotherCountry: true, witnessCountry: 'RO' },
      20,
      async (d) => {
        await d.complete('inform-witness');
        // The decision records the consent the police's risk assessment waits for.
        await d.complete('testimony-decision');
        await d.task('appoint-advocate');
        expect(d.r.rec.stepConsents[0]).toMatchObject({
          givenBy: 'person',
          consents: [{ purpose: 'sharing', sharedWithAgency: 'police-witness-protection', scope: ['needs-and-risks'] }],
        });
        // The advocate slot changes while the case runs: the lead's coordinator puts the chosen lawyer in it.
        await d.complete('appoint-advocate');
        await d.complete('risk-assessment');
        expect(
          await updateFailureType(
            d.handle.executeUpdate(changeParticipantUpdate, {
              args: [{ actor: NGO, slot: 'advocate', agencyId: LAWYER.agencyId, reason: 'Chosen by the witness' }],
            }),
          ),
        ).toBe('WrongRole');
        const changed = await d.handle.executeUpdate(changeParticipantUpdate, {
          args: [{ actor: NGO_CO, slot: 'advocate', agencyId: LAWYER.agencyId, reason: 'Chosen by the witness' }],
        });
        expect(changed).toMatchObject({ slot: 'advocate', from: 'victim-advocate-service', to: LAWYER.agencyId });
        await d.complete('confirm-hearing');
        // The hearing date is the deadline of the preparation: travel after it is refused, naming the field.
        const travel = await d.task('book-travel');
        expect(travel.agencyId).toBe('adpare');
        expect(
          await updateFailureType(
            d.attempt(travel, ORIGIN, { ...d.form['book-travel'], outboundDate: day(d.now, 25) }),
          ),
        ).toBe('InvalidForm');
        expect(
          d.r.rec.dataDeadlines.some(
            (x) => x.deadline.id === 'hearing-date' && x.deadline.at?.startsWith(day(d.now, 20)),
          ),
        ).toBe(true);
        await d.complete('book-travel');
        await d.complete('lawyer-meeting', {}, LAWYER);
        await d.complete('pre-trial-support');
        // The escort opens on the hearing day, not before.
        expect(d.opened()).not.toContain('hearing-escort');
        await env.sleep('21 days');
        await d.complete('hearing-escort');
        await d.complete('post-hearing-follow-up');
      },
    );
    expect(result).toMatchObject({ status: 'completed', endState: 'testimony-given' });
    expect(d.opened()).toEqual([
      'inform-witness',
      'testimony-decision',
      'appoint-advocate',
      'risk-assessment',
      'confirm-hearing',
      'pre-trial-support',
      'lawyer-meeting',
      'book-travel',
      'hearing-escort',
      'post-hearing-follow-up',
    ]);
  });

  it('ends the witness path when the witness declines, without a risk assessment or any consent', async () => {
    const { result, d } = await runCase('declined', { courtInAnotherCountry: false }, 20, async (d) => {
      await d.complete('inform-witness', { informedThrough: 'directly' });
      await d.complete('testimony-decision', { decision: 'declines', shareRisksWithPolice: false });
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'declined-to-testify' });
    expect(d.opened()).toEqual(['inform-witness', 'testimony-decision']);
    expect(d.r.rec.stepConsents).toEqual([]);
  });

  it('waits for consent before the police assess the risk; a postponement starts a new round with a new deadline', async () => {
    const { result, d } = await runCase('postponed', { courtInAnotherCountry: false }, 30, async (d) => {
      await d.complete('inform-witness', { informedThrough: 'directly' });
      await d.complete('testimony-decision', { shareRisksWithPolice: false });
      await d.complete('appoint-advocate', { advocateStatus: 'not-wanted' });
      // No consent yet: the risk assessment waits, visibly.
      await pollUntil(() => d.r.rec.consentWaits.length === 1);
      expect(d.r.rec.consentWaits[0]).toMatchObject({ step: 'risk-assessment', purpose: 'sharing' });
      expect(d.opened()).not.toContain('risk-assessment');
      d.r.rec.consents.push({
        consentId: 'c-1',
        purpose: 'sharing',
        sharedWithAgency: 'police-witness-protection',
        scope: ['needs-and-risks'],
        withdrawn: false,
      });
      await d.handle.signal(consentsChangedSignal);
      await d.complete('risk-assessment');
      await d.complete('confirm-hearing');
      await d.task('pre-trial-support');
      // Only the prosecutor or the lead's coordinator reports a postponement.
      expect(
        await updateFailureType(
          d.report('hearing-postponed', POLICE, { reason: 'court-schedule', announcedOn: day(d.now, 1) }),
        ),
      ).toBeDefined();
      await d.report('hearing-postponed', PROSECUTOR, { reason: 'court-schedule', announcedOn: day(d.now, 1) });
      const again = await d.task('confirm-hearing');
      expect(again.round).toBe(2);
      await d.complete('confirm-hearing', { hearingDate: day(d.now, 45) });
      await d.complete('pre-trial-support');
      await env.sleep('46 days');
      await d.complete('hearing-escort', { outcome: 'not-heard' });
      await d.complete('post-hearing-follow-up', { returnTravel: 'not-needed' });
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'testimony-not-given' });
    // No lawyer wanted, no travel: neither step opened; the deadline moved with the new date.
    expect(d.opened()).not.toContain('lawyer-meeting');
    expect(d.opened()).not.toContain('book-travel');
    const ats = d.r.rec.dataDeadlines.filter((x) => x.deadline.id === 'hearing-date').map((x) => x.deadline.at);
    expect(ats.some((at) => at?.startsWith(day(d.now, 30)))).toBe(true);
    expect(ats[ats.length - 1]).toMatch(new RegExp(`^${day(d.now, 45)}`));
  });

  it('ends as declined-to-testify when the witness withdraws during the preparation', async () => {
    const { result } = await runCase('withdrawn', { courtInAnotherCountry: false }, 20, async (d) => {
      await d.complete('inform-witness', { informedThrough: 'directly' });
      await d.complete('testimony-decision');
      await d.task('appoint-advocate');
      await d.report('witness-withdraws', NGO, { reason: 'fear-of-reprisals' });
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'declined-to-testify' });
  });
});

async function pollUntil(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
