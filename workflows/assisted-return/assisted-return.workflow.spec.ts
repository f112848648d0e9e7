import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import {
  cancelCaseUpdate,
  caseStateQuery,
  completeTaskUpdate,
  consentsChangedSignal,
  reportEventUpdate,
  shiftByDuration,
  type Actor,
  type CaseResult,
  type CaseStateView,
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
  'destination-ngo': 'mh-heilbronn',
  'origin-ngo': 'adpare',
  consulate: 'ro-consulate-stuttgart',
  'return-agency': 'iom-germany',
  'child-authority': 'ro-child-protection',
};
const DEST_CW: Actor = { sub: 'dest-cw', agencyId: 'mh-heilbronn', roles: ['ngo-caseworker'] };
const DEST_CO: Actor = { sub: 'dest-co', agencyId: 'mh-heilbronn', roles: ['ngo-coordinator'] };
const ORIGIN: Actor = { sub: 'origin-cw', agencyId: 'adpare', roles: ['ngo-caseworker'] };
const CONSUL: Actor = { sub: 'consul', agencyId: 'ro-consulate-stuttgart', roles: ['consular-officer'] };
const IOM: Actor = { sub: 'iom', agencyId: 'iom-germany', roles: ['return-officer'] };
const CHILD: Actor = { sub: 'cpo', agencyId: 'ro-child-protection', roles: ['child-protection-officer'] };

/** Who must hold each task: the test completes it as that actor after checking the task's agency and roles. */
const ACTOR: Record<string, Actor> = {
  'assess-return-options': DEST_CW,
  'record-consent': DEST_CW,
  'record-best-interest-decision': DEST_CO,
  'approve-child-stay': DEST_CO,
  'refer-to-origin': DEST_CW,
  'replan-return-date': DEST_CO,
  'origin-social-enquiry': ORIGIN,
  'assess-return-risk': ORIGIN,
  'draft-reintegration-plan': ORIGIN,
  'assess-child-family': CHILD,
  'approve-child-return': CHILD,
  'prepare-person-for-return': DEST_CW,
  'request-travel-documents': DEST_CW,
  'chase-travel-document': DEST_CO,
  'assess-return-case': IOM,
  'choose-return-route': DEST_CO,
  'book-travel': IOM,
  'book-travel-ngo': DEST_CO,
  'arrange-reception': ORIGIN,
  'confirm-departure': DEST_CW,
  'confirm-safe-arrival': ORIGIN,
  'follow-up-report': ORIGIN,
  'close-monitoring': ORIGIN,
};

const BOOKING = {
  departureDate: '2026-04-01',
  travelMode: 'flight',
  escort: 'return-agency-escort',
  fundedBy: 'iom-reag',
};
const FORMS: Record<string, Record<string, unknown>> = {
  'assess-return-options': {
    option: 'return-to-origin',
    informedOfOptionsAndRights: true,
    culturalMediatorInvolved: true,
  },
  'record-consent': {
    consentGiven: true,
    consentForm: 'written',
    shareStory: false,
    shareNeeds: true,
    shareRisks: true,
    sharePickUpDetails: true,
    withholdFromFamily: true,
    recordedOn: '2026-01-05',
  },
  'approve-child-stay': {
    decidingAuthority: 'youth-welfare-service',
    decision: 'approve-stay',
    decisionReference: 'JA-2026-77',
  },
  'record-best-interest-decision': {
    decidingAuthority: 'youth-welfare-service',
    decision: 'proceed-in-best-interest',
    decisionReference: 'JA-17',
  },
  'refer-to-origin': {
    channel: 'email',
    dataFormat: 'iom-case-data',
    personReferredBy: 'case-code',
    singleContactPerson: true,
  },
  'replan-return-date': { decision: 'confirm-date', reason: 'School term starts; origin NGO ready.' },
  'origin-social-enquiry': {
    enquiryRequestedVia: 'national-anti-trafficking-agency',
    familyTracing: 'traced-and-contacted',
    familySituation: 'supportive-insufficient-resources',
    translatedAndForwarded: true,
  },
  'assess-return-risk': {
    physicalHealth: 'no-concern',
    emotionalState: 'fragile',
    riskFromFamily: 'low',
    riskFromNetwork: 'high',
    riskBehaviours: 'none',
    overallRisk: 'medium',
    familyReturnSafe: false,
    returnAdvisable: true,
    assessedOn: '2026-02-01',
  },
  'draft-reintegration-plan': {
    agreedWithPerson: true,
    destinationInputsReceived: true,
    placementOnArrival: 'transit-shelter',
    residentialWeeks: 2,
    counsellingPerWeek: 2,
    vocationalSupport: true,
    familyMediation: true,
    monitoringMonths: 36,
  },
  'assess-child-family': {
    familyInvestigated: true,
    familyCanReceiveChild: 'not-yet',
    recommendedPlacement: 'ngo-youth-flat',
    custody: 'parents-hold-custody',
  },
  'approve-child-return': {
    decision: 'approved',
    legalBasis: 'GD 1443/2004',
    decisionReference: 'CP-4',
    childAgreesToPlacement: true,
  },
  'prepare-person-for-return': {
    phoneSessionsWithOriginNgo: 4,
    optionsAndRightsExplained: true,
    coverStoryPrepared: false,
    protectionWhileWaiting: 'secret-accommodation',
    testimonyDecision: 'declined',
  },
  'request-travel-documents': { documentNeeded: 'temporary-passport', papersRequested: ['police-report'] },
  'chase-travel-document': { action: 'mediated-via-origin-ngo' },
  'assess-return-case': { decision: 'accepted', programme: 'reag', assessedBy: 'file-review', arrivalSupport: true },
  'choose-return-route': { route: 'ngo-organised-return' },
  'book-travel': BOOKING,
  'book-travel-ngo': { ...BOOKING, fundedBy: 'destination-ngo' },
  'arrange-reception': {
    pickUpPoint: 'airport',
    receivingTeam: 'origin-ngo-and-national-agency',
    placement: 'transit-shelter',
    familyPoliceProtection: true,
  },
  'confirm-departure': {
    departedOn: '2026-04-01',
    documentsHandedOver: true,
    lawEnforcementInformed: true,
    borderPoliceNotified: 'not-required',
  },
  'confirm-safe-arrival': { arrivedOn: '2026-04-01', receivedBy: 'origin-ngo', placedIn: 'transit-shelter' },
  'follow-up-report': {
    contact: 'in-person',
    assistancePhase: 'residential',
    livingSituation: 'transit-shelter',
    riskChange: 'unchanged',
    services: ['psychological'],
    recommendClosure: false,
  },
  'close-monitoring': { closureReason: 'horizon-reached', outcome: 'reintegrated', finalReportSent: true },
};
const EVENTS: Record<string, Record<string, unknown>> = {
  'travel-document-issued': {
    documentType: 'temporary-passport',
    // Replaced by a date ten years after the case started (`report`): an expired document would remind and escalate.
    validUntil: '2026-12-31',
    identityConfirmedBy: 'consular-interview',
  },
  'person-withdrew': { reason: 'decided-to-stay' },
  'person-absconded': { lastContactOn: '2026-03-01', reportedToPolice: true },
  'third-country-refused': { reason: 'no-identity-proof' },
  'return-agency-refused': { reason: 'origin-office-refused' },
};
/** The steps that open together once the referral is out (adult case). */
const AFTER_REFERRAL = [
  'assess-return-case',
  'origin-social-enquiry',
  'prepare-person-for-return',
  'request-travel-documents',
];
const DAY = 24 * 3600 * 1000;

let env: TestWorkflowEnvironment;
let caseSeq = 0;

const day = (from: number, days: number) => new Date(from + days * DAY).toISOString().slice(0, 10);

type Recorder = ReturnType<typeof recordingActivities>;

/** Polls a read until it satisfies `done` (no fixed sleep; the deadline keeps a broken gate from hanging the test). */
async function pollUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Drives one case: completes tasks as their agency after checking who holds them, reports events, reads notes. */
class Driver {
  constructor(
    readonly handle: WorkflowHandle,
    readonly r: Recorder,
    readonly now: number,
  ) {}

  task(step: string, subject?: string): Promise<OpenTaskInput> {
    return this.r.waitForTask(step, subject);
  }

  opened(): string[] {
    return this.r.rec.tasks.map((t) => t.step);
  }

  handleFor(task: OpenTaskInput): WorkflowHandle {
    return task.workflowId === this.handle.workflowId ? this.handle : env.client.workflow.getHandle(task.workflowId);
  }

  attempt(task: OpenTaskInput, actor: Actor, form: Record<string, unknown> = FORMS[task.step]): Promise<unknown> {
    return this.handleFor(task).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.taskId, actor, form }] });
  }

  async complete(step: string, form: Record<string, unknown> = {}, subject?: string): Promise<OpenTaskInput> {
    const task = await this.task(step, subject);
    const actor = ACTOR[step];
    expect({ step, agencyId: task.agencyId, roles: task.roles }).toEqual({
      step,
      agencyId: actor.agencyId,
      roles: actor.roles,
    });
    await this.attempt(task, actor, { ...FORMS[step], ...form });
    return task;
  }

  report(type: string, actor: Actor, data: Record<string, unknown> = EVENTS[type]): Promise<unknown> {
    // The tests skip years of time: a document is valid for ten years from the case's start unless a test says.
    if (data === EVENTS['travel-document-issued']) data = { ...data, validUntil: day(this.now, 3650) };
    return this.handle.executeUpdate(reportEventUpdate, { args: [{ type, actor, data }] });
  }

  notes(kind: string): Record<string, unknown>[] {
    return this.r.rec.notes.filter((n) => n.kind === kind).map((n) => ({ step: n.step, ...n.detail }));
  }

  /** Options, consent and an in-time referral, then waits until the parallel phase has opened. */
  async throughReferral(options: Record<string, unknown> = {}): Promise<void> {
    await this.complete('assess-return-options', options);
    await this.complete('record-consent');
    await this.complete('refer-to-origin');
    for (const step of AFTER_REFERRAL) await this.task(step);
  }

  /** Completes the adult gates: documents, return agency, preparation, origin checks and plan. */
  async throughGates(plan: Record<string, unknown> = {}, documents: Record<string, unknown> = {}): Promise<void> {
    await this.complete('request-travel-documents', documents);
    if (documents.documentNeeded !== 'none-valid-passport-held') await this.report('travel-document-issued', CONSUL);
    await this.complete('assess-return-case');
    await this.complete('prepare-person-for-return');
    await this.complete('origin-social-enquiry');
    await this.complete('assess-return-risk');
    await this.complete('draft-reintegration-plan', plan);
  }

  async throughArrival(booking = 'book-travel', departure: Record<string, unknown> = {}): Promise<void> {
    await this.complete(booking);
    await this.complete('arrange-reception');
    await this.complete('confirm-departure', departure);
    await this.complete('confirm-safe-arrival');
  }
}

async function runCase(
  name: string,
  intake: (now: number) => Record<string, unknown>,
  drive: (d: Driver) => Promise<void>,
): Promise<{ result: CaseResult; d: Driver; state: CaseStateView }> {
  const r = recordingActivities();
  const taskQueue = uniqueTaskQueue(`avr-${name}`);
  const worker = await createTestWorker(env, { taskQueue, activities: r.activities });
  return worker.runUntil(async () => {
    caseSeq += 1;
    const caseId = `avr-${name}-${caseSeq}`;
    const now = await env.currentTimeMs();
    const input: CaseStartInput = {
      caseId,
      sop: 'assisted-return',
      sopVersion: 1,
      participants: AGENCIES,
      openedBy: DEST_CW,
      intake: {
        isMinor: false,
        plannedReturnDate: day(now, 90),
        returnCountry: 'RO',
        hostCountry: 'DE',
        ageBand: '18-24',
        gender: 'female',
        nationality: 'RO',
        ...intake(now),
      },
    };
    const handle = await env.client.workflow.start('assistedReturnWorkflow', {
      taskQueue,
      workflowId: `case-${caseId}`,
      args: [input],
    });
    const d = new Driver(handle, r, now);
    try {
      await drive(d);
    } catch (err) {
      // A case left running with no worker would hold back time skipping for every later test.
      await handle.terminate('test failed').catch(() => undefined);
      throw err;
    }
    const result: CaseResult = await handle.result();
    await saveHistoryIfRecording(handle, `assisted-return-${name}`);
    expect(r.rec.closed.map((c) => [c.status, c.endState])).toEqual([[result.status, result.endState]]);
    // Queried while the worker still runs: a closed workflow answers queries by replaying on a worker.
    const state = await handle.query(caseStateQuery);
    return { result, d, state };
  });
}

/** Follows a continued-as-new chain back from its latest run; returns each run's history length, oldest first. */
async function runChain(workflowId: string): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = (await env.client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    lengths.unshift(history.events?.length ?? 0);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return lengths;
}

async function waitUntil(cond: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('assistedReturnWorkflow', () => {
  // First in the file: earlier cases leave the test server's clock decades ahead, with timers it waits on.
  it('data deadline: the document expiry warns, then escalates before it passes and repeats; a booking after it is refused; done steps stop; a new document recomputes it', async () => {
    let expiry = 0;
    const { result } = await runCase(
      'data-deadline',
      () => ({}),
      async (d) => {
        const r = d.r.rec;
        const forDeadline = <T extends { dataDeadline?: string }>(xs: T[]) => xs.filter((x) => x.dataDeadline);
        /** Skips time to `ms` after the deadline's `offset` (never on a timer's own instant: see the demo's spec). */
        const skipTo = async (at: number) => env.sleep(at + 7 * 60_000 - (await env.currentTimeMs()));
        await d.throughReferral();
        await d.complete('request-travel-documents');
        const validUntil = day(d.now, 20);
        expiry = Date.parse(`${validUntil}T00:00:00Z`);
        await d.report('travel-document-issued', CONSUL, { ...EVENTS['travel-document-issued'], validUntil });
        for (const step of ['assess-return-case', 'prepare-person-for-return', 'origin-social-enquiry'])
          await d.complete(step);
        await d.complete('assess-return-risk');
        await d.complete('draft-reintegration-plan');
        const booking = await d.task('book-travel');
        const deadline = { id: 'travel-document-expiry', at: new Date(expiry).toISOString() };
        expect(booking.deadline).toEqual(deadline);
        // A departure after the document expires is refused by the update's validator, and nothing is recorded.
        expect(await updateFailureType(d.attempt(booking, IOM, { ...BOOKING, departureDate: day(d.now, 21) }))).toBe(
          'InvalidForm',
        );
        expect(forDeadline(r.reminders)).toEqual([]);

        await skipTo(expiry - 14 * DAY);
        expect(forDeadline(r.reminders)).toEqual([
          expect.objectContaining({ taskId: booking.taskId, agencyId: 'iom-germany', dueAt: deadline.at }),
        ]);
        expect(forDeadline(r.escalations)).toEqual([]);
        await skipTo(expiry - 7 * DAY);
        await skipTo(expiry - 6 * DAY);
        const escalations = forDeadline(r.escalations);
        expect(escalations.map((e) => [e.taskId, e.level ?? 0, e.dataDeadline])).toEqual([
          [booking.taskId, 0, 'travel-document-expiry'],
          [booking.taskId, 1, 'travel-document-expiry'],
        ]);
        // Escalated before the deadline passed, the repeat to the lead's coordinators.
        for (const e of escalations) expect(Date.parse(e.at)).toBeLessThan(expiry);
        expect(escalations[1]).toMatchObject({
          notifyAgencyId: 'mh-heilbronn',
          roles: expect.arrayContaining(['ngo-coordinator']),
        });

        // The booking done: its escalation stops, while the next guarded step carries the deadline on.
        await d.complete('book-travel', { departureDate: day(d.now, 19) });
        const reception = await d.task('arrange-reception');
        expect(reception.deadline).toEqual(deadline);
        await skipTo(expiry - 3 * DAY);
        expect(forDeadline(r.escalations).filter((e) => e.taskId === booking.taskId)).toHaveLength(2);
        expect(forDeadline(r.escalations).filter((e) => e.taskId === reception.taskId).length).toBeGreaterThan(1);

        // A new document recomputes the deadline: the open task shows it, the old date's escalation is resolved.
        await d.report('travel-document-issued', CONSUL, {
          ...EVENTS['travel-document-issued'],
          validUntil: day(d.now, 90),
        });
        expect(r.dataDeadlines.at(-1)).toMatchObject({
          deadline: { id: 'travel-document-expiry', at: `${day(d.now, 90)}T00:00:00.000Z` },
          previousAt: deadline.at,
          tasks: [
            {
              taskId: reception.taskId,
              deadline: { id: 'travel-document-expiry', at: `${day(d.now, 90)}T00:00:00.000Z` },
            },
          ],
        });
        const state = await d.handle.query(caseStateQuery);
        expect(state.tasks.find((t) => t.taskId === reception.taskId)?.deadline?.at).toBe(
          `${day(d.now, 90)}T00:00:00.000Z`,
        );
        expect(state.dataDeadlines?.find((x) => x.id === 'travel-document-expiry')?.at).toBe(
          `${day(d.now, 90)}T00:00:00.000Z`,
        );
        const before = forDeadline(r.escalations).length;
        await skipTo(expiry - 1 * DAY);
        expect(forDeadline(r.escalations)).toHaveLength(before);
        await d.complete('arrange-reception');
        await d.handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: DEST_CO, reason: 'test ends here' }] });
      },
    );
    expect(result.endState).toBe('cancelled');
    expect(expiry).toBeGreaterThan(0);
  });

  it('main path: adult return through IOM, then three years of monthly reports across continued-as-new runs', async () => {
    const { result, d } = await runCase(
      'main',
      () => ({}),
      async (d) => {
        await d.complete('assess-return-options');
        const consent = await d.task('record-consent');
        // Consent gate: nothing is referred while consent is pending.
        expect(d.opened()).toEqual(['assess-return-options', 'record-consent']);
        expect(await updateFailureType(d.attempt(consent, ORIGIN))).toBe('WrongAgency');
        expect(await updateFailureType(d.report('person-withdrew', CONSUL))).toBe('WrongReporter');
        await d.complete('record-consent');
        await d.complete('refer-to-origin');
        for (const step of AFTER_REFERRAL) await d.task(step);
        expect(d.opened().slice(3).sort()).toEqual(AFTER_REFERRAL);
        expect(d.notes('warning')).toEqual([]);

        await d.complete('request-travel-documents');
        await d.report('travel-document-issued', CONSUL);
        await d.complete('assess-return-case');
        await d.complete('prepare-person-for-return');
        await d.complete('origin-social-enquiry');
        await d.complete('assess-return-risk');
        // Booking gate: with everything else done, the booking still waits for the reintegration plan.
        await d.task('draft-reintegration-plan');
        expect(d.opened()).not.toContain('book-travel');
        await d.complete('draft-reintegration-plan');
        const booking = await d.task('book-travel');
        expect(await updateFailureType(d.attempt(booking, DEST_CO))).toBe('WrongAgency');
        await d.throughArrival();
        await d.task('follow-up-report', 'P1');
        expect(d.notes('safe-arrival-confirmed')).toEqual([
          { step: 'confirm-safe-arrival', placedIn: 'transit-shelter' },
        ]);
        expect(d.r.rec.notes.find((n) => n.kind === 'safe-arrival-confirmed')?.agencyId).toBe('mh-heilbronn');

        // An initial report on arrival, then 36 monthly ones; time skips a month at a time.
        for (let month = 0; month <= 36; month += 1) {
          if (month > 0) await env.sleep('30 days');
          const report = await d.complete('follow-up-report', {}, 'P1');
          expect(report).toMatchObject({ subject: 'P1', agencyId: 'adpare', phase: 'monitoring' });
        }
        await d.complete('close-monitoring', {}, 'P1');
      },
    );
    expect(result).toMatchObject({ status: 'completed', endState: 'closed-after-monitoring' });
    expect(d.r.rec.opened[0].demographics).toEqual({ ageBand: '18-24', gender: 'female', nationality: 'RO' });
    const reports = d.r.rec.tasks.filter((t) => t.step === 'follow-up-report');
    expect(reports).toHaveLength(37);
    // Same workflow id across runs: tasks stay addressable after continue-as-new.
    expect(new Set(reports.map((t) => t.workflowId))).toEqual(new Set([`${d.handle.workflowId}:P1`]));
    const first = Date.parse(reports[0].openedAt);
    // Report k opens k months after the start of monitoring (a few milliseconds before report 0 opened).
    reports.forEach((t, k) => expect(Date.parse(t.openedAt) - first).toBeGreaterThanOrEqual(k * 30 * DAY - 60_000));
    expect(d.notes('monitoring-started')).toEqual([{ step: undefined, subject: 'P1', horizonMonths: 36 }]);
    expect(d.notes('monitoring-continued').map((n) => n.reportsDone)).toEqual([6, 12, 18, 24, 30, 36]);
    const runs = await runChain(`${d.handle.workflowId}:P1`);
    expect(runs).toHaveLength(7); // six reports per run: 0-5, 6-11, ..., 30-35, then 36 and the closure
    for (const length of runs) expect(length).toBeLessThan(250);
    await saveHistoryIfRecording(
      env.client.workflow.getHandle(`${d.handle.workflowId}:P1`),
      'assisted-return-monitoring',
    );
  });

  it('ends as stayed-in-destination when the person chooses to stay', async () => {
    const { result, d } = await runCase(
      'stay',
      () => ({}),
      async (d) => {
        await d.complete('assess-return-options', { option: 'stay-in-destination' });
      },
    );
    expect(result.endState).toBe('stayed-in-destination');
    expect(d.opened()).toEqual(['assess-return-options']);
    expect(d.notes('decision')).toEqual([
      { step: 'assess-return-options', field: 'option', value: 'stay-in-destination' },
    ]);
  });

  it('child: a stay waits for the authority responsible for the child, which may send it back to the options', async () => {
    const { result, d } = await runCase(
      'child-stay-approval',
      () => ({ isMinor: true }),
      async (d) => {
        await d.complete('assess-return-options', { option: 'stay-in-destination' });
        await d.complete('approve-child-stay', { decision: 'reconsider-options' });
        await d.complete('assess-return-options', { option: 'stay-in-destination' });
        await d.complete('approve-child-stay');
      },
    );
    expect(result.endState).toBe('stayed-in-destination');
    expect(d.opened()).toEqual([
      'assess-return-options',
      'approve-child-stay',
      'assess-return-options',
      'approve-child-stay',
    ]);
  });

  it('consent gates: a withdrawn consent holds the steps that share data until a new one is recorded', async () => {
    const { result, d } = await runCase(
      'consent-gates',
      () => ({}),
      async (d) => {
        await d.complete('assess-return-options');
        await d.complete('record-consent');
        const referral = await d.task('refer-to-origin');
        // The decision became consent records, one per member of the return team (L6242-L6243).
        const recorded = d.r.rec.stepConsents[0];
        expect(recorded.givenBy).toBe('person');
        expect(recorded.consents.map((c) => c.sharedWithAgency ?? c.purpose)).toEqual([
          'return',
          'adpare',
          'iom-germany',
          'ro-consulate-stuttgart',
        ]);
        expect(recorded.consents[1].scope).toEqual(['identity', 'needs-and-risks', 'travel', 'contact']);
        // She asked that the form of exploitation stays from her family: the origin NGO, who works with the family,
        // gets the consent marked so; the others have no family work.
        expect(recorded.consents.map((c) => c.notForFamily === true)).toEqual([false, true, false, false]);

        // The person withdraws the exchange with the origin NGO while the referral is open: it cannot go out.
        const toOrigin = d.r.rec.consents.find((c) => c.sharedWithAgency === 'adpare')!;
        toOrigin.withdrawn = true;
        expect(await updateFailureType(d.attempt(referral, DEST_CW))).toBe('ConsentRequired');
        // And the return agency's consent too: its first step will wait, visibly.
        d.r.rec.consents.find((c) => c.sharedWithAgency === 'iom-germany')!.withdrawn = true;
        d.r.rec.consents.push({
          consentId: 'renewed-origin',
          purpose: 'sharing',
          sharedWithAgency: 'adpare',
          scope: ['identity', 'travel'],
          withdrawn: false,
        });
        await d.handle.signal(consentsChangedSignal);
        await d.attempt(referral, DEST_CW);
        for (const step of AFTER_REFERRAL.filter((s) => s !== 'assess-return-case')) await d.task(step);

        const waiting = await pollUntil(
          async () => (await d.handle.query(caseStateQuery)).waitingForConsent ?? [],
          (w) => w.length > 0,
        );
        expect(waiting).toEqual([
          expect.objectContaining({
            step: 'assess-return-case',
            purpose: 'sharing',
            sharedWithAgency: 'iom-germany',
            scope: ['identity', 'travel'],
          }),
        ]);
        expect(d.opened()).not.toContain('assess-return-case');
        // The wait is in the case state when the workflow task ends; its record is an activity that may run after.
        await pollUntil(
          () => Promise.resolve(d.r.rec.consentWaits.length),
          (n) => n > 0,
        );
        expect(d.r.rec.consentWaits).toHaveLength(1);
        // The return agency (its inbox stays empty) and the destination NGO (it records consent) are told.
        expect(d.r.rec.consentWaits[0].notify.map((n) => n.agencyId)).toEqual(['iom-germany', 'mh-heilbronn']);

        d.r.rec.consents.push({
          consentId: 'renewed-iom',
          purpose: 'sharing',
          sharedWithAgency: 'iom-germany',
          scope: ['identity', 'travel'],
          withdrawn: false,
        });
        await d.handle.signal(consentsChangedSignal);
        await d.task('assess-return-case');
        expect((await d.handle.query(caseStateQuery)).waitingForConsent).toEqual([]);
        expect(d.notes('consent-received')).toEqual([
          { step: 'assess-return-case', consentId: 'renewed-iom', purpose: 'sharing' },
        ]);
        await d.report('person-withdrew', DEST_CW);
      },
    );
    expect(result.endState).toBe('withdrawn');
    expect(d.r.rec.consentWaits).toHaveLength(1);
  });

  it('refers nothing when an adult refuses consent', async () => {
    const { result, d } = await runCase(
      'consent-refused',
      () => ({}),
      async (d) => {
        await d.complete('assess-return-options');
        await d.complete('record-consent', { consentGiven: false, consentForm: 'verbal' });
      },
    );
    expect(result.endState).toBe('consent-refused');
    expect(d.opened()).toEqual(['assess-return-options', 'record-consent']);
  });

  it('child: best-interest decision, late referral re-planned, chased documents, NGO route, early closure', async () => {
    const { result, d } = await runCase(
      'child',
      (now) => ({ isMinor: true, plannedReturnDate: day(now, 10), dateOfBirth: day(now, -17 * 365) }),
      async (d) => {
        await d.complete('assess-return-options');
        await d.complete('record-consent', { consentGiven: false, consentForm: 'verbal' });
        await d.complete('record-best-interest-decision');
        await d.complete('refer-to-origin');

        // One-month rule: the coordinator (not the caseworker) must re-plan; a date still too close warns again.
        const escalation = await d.task('replan-return-date');
        expect(await updateFailureType(d.attempt(escalation, DEST_CW))).toBe('WrongRole');
        expect(d.notes('warning')).toEqual([
          { step: 'refer-to-origin', rule: 'referral-one-month-ahead', daysBeforeReturn: 9 },
        ]);
        await d.complete('replan-return-date', { decision: 'replan', newPlannedReturnDate: day(d.now, 20) });
        await d.complete('replan-return-date', { decision: 'replan', newPlannedReturnDate: day(d.now, 75) });
        expect(d.notes('warning')).toHaveLength(2);
        for (const step of [...AFTER_REFERRAL, 'assess-child-family']) await d.task(step);
        expect(d.opened().filter((s) => s === 'replan-return-date')).toHaveLength(2);
        // Age-out: the child's protective steps carry the 18th birthday from the intake's date of birth.
        const ageOut = shiftByDuration(new Date(`${day(d.now, -17 * 365)}T00:00:00Z`), 'P18Y').toISOString();
        expect((await d.task('assess-child-family')).deadline).toEqual({ id: 'age-out', at: ageOut });
        expect((await d.task('request-travel-documents')).deadline).toBeUndefined();
        expect(d.r.rec.dataDeadlines[0]).toMatchObject({ deadline: { id: 'age-out', at: ageOut }, previousAt: null });

        // Consular delay: no document 14 days after the request opens a chase for the coordinator.
        await d.complete('request-travel-documents');
        await env.sleep('15 days');
        await d.complete('chase-travel-document');
        expect(d.notes('warning').at(-1)).toEqual({ step: 'request-travel-documents', rule: 'consular-delay' });
        await d.report('travel-document-issued', CONSUL);

        await d.complete('assess-return-case', { decision: 'refused', refusalReason: 'criteria-not-met' });
        await d.complete('choose-return-route');
        await d.complete('prepare-person-for-return');
        await d.complete('assess-child-family');
        await d.complete('origin-social-enquiry', { enquiryRequestedVia: 'child-protection-directorate' });
        await d.complete('assess-return-risk');
        await d.complete('draft-reintegration-plan', { agreedWithPerson: false });
        await d.task('draft-reintegration-plan');
        expect(d.notes('plan-not-agreed')).toHaveLength(1);
        // The authority approves once the plan is agreed; nothing is booked before.
        expect(d.opened()).not.toContain('approve-child-return');
        await d.complete('draft-reintegration-plan', { placementOnArrival: 'youth-flat', monitoringMonths: 12 });
        await d.complete('approve-child-return');
        await d.throughArrival('book-travel-ngo', { borderPoliceNotified: 'notified' });

        await d.complete('follow-up-report', {}, 'P1');
        await env.sleep('30 days');
        await d.complete('follow-up-report', { recommendClosure: true, assistancePhase: 'non-residential' }, 'P1');
        await d.complete('close-monitoring', { closureReason: 'reintegration-achieved' }, 'P1');
      },
    );
    expect(result.endState).toBe('closed-after-monitoring');
    expect(d.opened()).not.toContain('book-travel');
    expect(d.opened().filter((s) => s === 'follow-up-report')).toHaveLength(2);
    expect(d.notes('monitoring-started')[0]).toMatchObject({ horizonMonths: 12 });
    const approval = d.opened().indexOf('approve-child-return');
    expect(d.opened().slice(approval)).toEqual([
      'approve-child-return',
      'book-travel-ngo',
      'arrange-reception',
      'confirm-departure',
      'confirm-safe-arrival',
      'follow-up-report',
      'follow-up-report',
      'close-monitoring',
    ]);
  });

  it('warns when a child travels without escort on the NGO route', async () => {
    const { d } = await runCase(
      'child-unescorted',
      () => ({ isMinor: true }),
      async (d) => {
        await d.throughReferral();
        await d.complete('assess-child-family');
        await d.complete('assess-return-case', { decision: 'refused', refusalReason: 'no-funds' });
        await d.complete('choose-return-route');
        await d.complete('request-travel-documents', { documentNeeded: 'none-valid-passport-held' });
        await d.complete('prepare-person-for-return');
        await d.complete('origin-social-enquiry');
        await d.complete('assess-return-risk');
        await d.complete('draft-reintegration-plan');
        await d.complete('approve-child-return');
        await d.complete('book-travel-ngo', { escort: 'none' });
        await d.task('arrange-reception');
        await d.handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: DEST_CO, reason: 'test ends here' }] });
      },
    );
    expect(d.notes('warning')).toEqual([{ step: 'book-travel-ngo', rule: 'escort-for-child' }]);
  });

  it('child: ends as consent-refused when the responsible authority stops', async () => {
    const { result, d } = await runCase(
      'best-interest-stop',
      () => ({ isMinor: true }),
      async (d) => {
        await d.complete('assess-return-options');
        await d.complete('record-consent', { consentGiven: false, consentForm: 'verbal' });
        await d.complete('record-best-interest-decision', { decision: 'stop', decidingAuthority: 'juvenile-court' });
      },
    );
    expect(result.endState).toBe('consent-refused');
    expect(d.opened()).toEqual(['assess-return-options', 'record-consent', 'record-best-interest-decision']);
  });

  it('child: ends as child-return-not-approved when the authority refuses (late date confirmed)', async () => {
    const { result, d, state } = await runCase(
      'child-not-approved',
      (now) => ({ isMinor: true, plannedReturnDate: day(now, 20) }),
      async (d) => {
        await d.complete('assess-return-options');
        await d.complete('record-consent');
        await d.complete('refer-to-origin');
        await d.complete('replan-return-date', { decision: 'confirm-date' });
        await d.complete('assess-child-family', {
          familyCanReceiveChild: 'no',
          recommendedPlacement: 'residential-care',
        });
        await d.complete('origin-social-enquiry');
        await d.complete('assess-return-risk');
        await d.complete('draft-reintegration-plan');
        await d.complete('approve-child-return', { decision: 'refused' });
      },
    );
    expect(result.endState).toBe('child-return-not-approved');
    expect(d.notes('warning')).toHaveLength(1);
    expect(d.opened().filter((s) => s === 'replan-return-date')).toHaveLength(1);
    expect(d.opened()).not.toContain('book-travel');
    // The branches still waiting (documents, agency, preparation) are closed with the case.
    expect(state.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(
      state.tasks
        .filter((t) => t.status === 'cancelled')
        .map((t) => t.step)
        .sort(),
    ).toEqual(['assess-return-case', 'prepare-person-for-return', 'request-travel-documents']);
  });

  it('ends as stayed-in-destination when the risk assessment advises against return', async () => {
    const { result, d } = await runCase(
      'not-advisable',
      () => ({}),
      async (d) => {
        await d.throughReferral();
        await d.complete('origin-social-enquiry', { familySituation: 'threatened-by-network' });
        await d.complete('assess-return-risk', {
          riskFromNetwork: 'high',
          overallRisk: 'high',
          returnAdvisable: false,
        });
      },
    );
    expect(result.endState).toBe('stayed-in-destination');
    expect(d.opened()).not.toContain('draft-reintegration-plan');
    expect(d.notes('decision').at(-1)).toEqual({ step: 'assess-return-risk', field: 'returnAdvisable', value: false });
  });

  it('ends as return-agency-refused when the agency refuses and the coordinator stops', async () => {
    const { result, d } = await runCase(
      'agency-refused',
      () => ({}),
      async (d) => {
        await d.throughReferral();
        await d.complete('assess-return-case', { decision: 'refused', refusalReason: 'criteria-not-met' });
        await d.complete('choose-return-route', { route: 'stop-return' });
      },
    );
    expect(result.endState).toBe('return-agency-refused');
    expect(d.opened().filter((s) => s.startsWith('book-travel'))).toEqual([]);
  });

  it.each([
    ['withdrawn', 'person-withdrew', 'origin checks', ORIGIN],
    ['absconded', 'person-absconded', 'reception', DEST_CW],
    ['return-agency-refused', 'return-agency-refused', 'booking', IOM],
  ] as const)('ends as %s when %s is reported during %s', async (endState, event, stage, reporter) => {
    const { result, d, state } = await runCase(
      `event-${endState}`,
      () => ({}),
      async (d) => {
        await d.throughReferral();
        if (stage !== 'origin checks') {
          await d.throughGates();
          if (stage === 'reception') await d.complete('book-travel');
          await d.task(stage === 'reception' ? 'arrange-reception' : 'book-travel');
        }
        await d.report(event, reporter);
      },
    );
    expect(result).toEqual({ caseId: expect.any(String), status: 'completed', endState });
    // The tasks still open when the event came are closed with the case; nothing opens after it.
    expect(state.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(state.tasks.filter((t) => t.status === 'cancelled').length).toBeGreaterThan(0);
    expect(state.tasks.map((t) => t.step).sort()).toEqual(d.opened().sort());
    expect(state.events.map((e) => e.type).at(-1)).toBe(event);
  });

  it('goes back to the options when the third country refuses or the person changes their mind, round by round, up to the limit', async () => {
    const { result, d, state } = await runCase(
      'rounds',
      () => ({}),
      async (d) => {
        await d.throughReferral({ option: 'return-to-third-country' });
        await d.report('third-country-refused', DEST_CO);
        // Round 2: the options reopen; the first round's open tasks are closed, its record kept.
        const again = await d.task('assess-return-options');
        expect(again.round).toBe(2);
        await d.complete('assess-return-options', { option: 'return-to-origin' });
        await d.task('record-consent');
        await d.report('person-changed-mind', ORIGIN, { reason: 'new-information' });
        expect((await d.task('assess-return-options')).round).toBe(3);
        // The limit: a third change of mind is refused with the reason; the case goes on in round 3.
        await expect(d.report('person-changed-mind', ORIGIN, { reason: 'other' })).rejects.toMatchObject({
          cause: { type: 'EventNotApplicable', message: expect.stringMatching(/has had 3 rounds, the most/) },
        });
        await d.complete('assess-return-options', { option: 'return-to-third-country' });
        await d.complete('record-consent');
        await d.task('refer-to-origin');
        // Past the limit the refusal ends the case, as the SOP declares.
        await d.report('third-country-refused', DEST_CO);
      },
    );
    expect(result.endState).toBe('third-country-refused');
    expect(d.notes('round-started').map((n) => [n.round, n.event])).toEqual([
      [2, 'third-country-refused'],
      [3, 'person-changed-mind'],
    ]);
    const rounds = d.r.rec.tasks.filter((t) => t.step === 'assess-return-options').map((t) => t.round ?? 1);
    expect(rounds).toEqual([1, 2, 3]);
    expect(state.tasks.filter((t) => t.status === 'open')).toEqual([]);
    // Round 1 had gone as far as the parallel phase: those tasks were cancelled when round 2 began, never done.
    expect(state.tasks.filter((t) => (t.round ?? 1) === 1 && t.status === 'cancelled').length).toBeGreaterThan(3);
  });

  it('ends the case and the monitoring child when the person withdraws during monitoring', async () => {
    const { result, d, state } = await runCase(
      'withdrawn-monitoring',
      () => ({}),
      async (d) => {
        await d.throughReferral();
        // A valid passport: no document to wait for.
        await d.throughGates({ monitoringMonths: 6 }, { documentNeeded: 'none-valid-passport-held' });
        await d.throughArrival();
        await d.complete('follow-up-report', {}, 'P1');
        await d.report('person-withdrew', ORIGIN, { reason: 'changed-mind' });
      },
    );
    expect(result.endState).toBe('withdrawn');
    // The booking opened without any travel document reported: none was needed.
    expect(state.events.map((e) => e.type)).toEqual(['person-withdrew']);
    const child = env.client.workflow.getHandle(`${d.handle.workflowId}:P1`);
    await waitUntil(async () => (await child.describe()).status.name === 'CANCELLED');
  });

  it('ends as cancelled when the case is cancelled', async () => {
    const { result } = await runCase(
      'cancelled',
      () => ({}),
      async (d) => {
        await d.complete('assess-return-options');
        await d.task('record-consent');
        await d.handle.executeUpdate(cancelCaseUpdate, { args: [{ actor: DEST_CO, reason: 'opened twice' }] });
      },
    );
    expect(result).toMatchObject({ status: 'cancelled', endState: 'cancelled' });
  });
});
