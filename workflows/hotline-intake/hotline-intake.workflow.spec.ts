import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  changeParticipantUpdate,
  completeTaskUpdate,
  type Actor,
  type CaseResult,
  type StartFollowOnInput,
} from '@waymark/contracts';
import { runSopCase, SopCaseDriver, updateFailureType } from '../../test/support/sop-case';
import { createTimeSkippingEnv } from '../../test/support/workflow-env';

const OPERATOR: Actor = { sub: 'op-1', agencyId: 'astra-hotline', roles: ['ngo-professional'] };
const HOTLINE_CO: Actor = { sub: 'co-1', agencyId: 'astra-hotline', roles: ['ngo-coordinator'] };
const outreach = (agencyId: string): Actor => ({ sub: `${agencyId}-o`, agencyId, roles: ['ngo-professional'] });

const FORMS: Record<string, Record<string, unknown>> = {
  'risk-check': {
    immediateDanger: true,
    dangerKind: 'held-against-will',
    personReachable: true,
    whereaboutsKnown: 'town',
  },
  'emergency-consent': { agreesToPolice: true, agreesToMedical: false, givenBy: 'person', consentForm: 'verbal' },
  'alert-police': { alerted: true, responseConfirmed: true, referenceCode: 'PS-113-0042' },
  'alert-medical': { alerted: true, responseConfirmed: true },
  'locate-and-assist': {
    outcome: 'found-and-safe',
    safePlace: 'shelter',
    reachedOn: '2026-01-06',
    personAgreesToReferral: true,
    givenBy: 'person',
    consentForm: 'verbal',
  },
  'refer-on': { referral: 'shelter-admission', placeRequestedBy: 'hotline', identificationStatus: 'presumed' },
  'close-contact': { callerInformed: true, followUpCallAgreed: false },
};

let env: TestWorkflowEnvironment;

class Driver extends SopCaseDriver {
  partner = 'on-the-road';
  readonly followOns: StartFollowOnInput[] = [];
}

function runCase(
  name: string,
  drive: (d: Driver) => Promise<void>,
  intake: Record<string, unknown> = {},
): Promise<{ result: CaseResult; d: Driver }> {
  let driver: Driver | undefined;
  const actorOf = (step: string): Actor => {
    if (step === 'locate-and-assist') return outreach(driver!.partner);
    return step === 'refer-on' ? HOTLINE_CO : OPERATOR;
  };
  return runSopCase(
    env,
    {
      name,
      workflowType: 'hotlineIntakeWorkflow',
      input: {
        sop: 'hotline-intake',
        sopVersion: 1,
        participants: { hotline: 'astra-hotline', 'partner-ngo': 'on-the-road' },
        openedBy: OPERATOR,
        intake: {
          callerCode: 'C1',
          callerCategory: 'relative',
          personCode: 'P1',
          contactChannel: 'phone',
          personCountry: 'IT',
          exploitation: 'sexual',
          isMinor: false,
          ...intake,
        },
      },
      activities: {
        startFollowOnCase: async (i: StartFollowOnInput) => {
          driver?.followOns.push(i);
          return { started: true as const, caseId: `${i.caseId}-follow-on`, created: true };
        },
      },
      driver: (handle, r) => (driver = new Driver(handle, r, actorOf, FORMS)),
    },
    drive,
  );
}

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

describe('hotlineIntakeWorkflow', () => {
  it('in danger: only the help the person agreed to is alerted, the search runs beside it, a referral starts a shelter admission', async () => {
    const { result, d } = await runCase('emergency-referral', async (d) => {
      await d.complete('risk-check');
      // Both tracks are open at once: the search never waits for the emergency agreement or the police.
      await d.r.waitForTask('locate-and-assist');
      await d.r.waitForTask('emergency-consent');
      await d.complete('emergency-consent');
      await d.complete('locate-and-assist');
      await d.complete('alert-police');
      await d.complete('refer-on');
      await d.complete('close-contact');
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'referred-for-assistance' });
    // The person agreed to the police only: no medical alert was opened.
    expect(d.steps()).toEqual([
      'risk-check',
      'locate-and-assist',
      'emergency-consent',
      'alert-police',
      'refer-on',
      'close-contact',
    ]);
    // The referral's consent was the person's own, and only the declared fields went to the shelter admission.
    expect(d.r.rec.stepConsents.map((c) => ({ givenBy: c.givenBy, consents: c.consents }))).toEqual([
      { givenBy: 'person', consents: [{ purpose: 'assistance', scope: ['needs-and-risks'] }] },
    ]);
    expect(d.followOns).toEqual([
      expect.objectContaining({
        targetSop: 'shelter-admission',
        step: 'refer-on',
        participants: { network: 'astra-hotline' },
        intake: { referralSource: 'hotline', identificationStatus: 'presumed', isMinor: false, hostCountry: 'IT' },
      }),
    ]);
  });

  it('the operator’s targets are minutes: an overdue risk check is escalated within the quarter hour', async () => {
    const { result, d } = await runCase('overdue-risk-check', async (d) => {
      await d.r.waitForTask('risk-check');
      await env.sleep('20 minutes');
      const deadline = Date.now() + 20_000;
      while (!d.r.rec.escalations.some((e) => e.step === 'risk-check') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await d.complete('risk-check', { immediateDanger: false, dangerKind: 'none' });
      await d.complete('locate-and-assist', { personAgreesToReferral: false });
      await d.complete('close-contact');
    });
    expect(result.endState).toBe('assisted');
    const escalation = d.r.rec.escalations.find((e) => e.step === 'risk-check');
    expect(escalation).toBeDefined();
    expect(d.steps()).not.toContain('emergency-consent');
    expect(d.steps()).not.toContain('refer-on');
  });

  it('a person in danger who cannot be asked gets no call in their name; a search that fails ends as not located', async () => {
    const { result, d } = await runCase('not-reachable', async (d) => {
      await d.complete('risk-check', { personReachable: false, whereaboutsKnown: 'country-only' });
      // The first NGO asked passes the search to another with an outreach unit (C4, L6623-L6626).
      await d.r.waitForTask('locate-and-assist');
      await d.handle.executeUpdate(changeParticipantUpdate, {
        args: [{ actor: HOTLINE_CO, slot: 'partner-ngo', agencyId: 'impsex-outreach', reason: 'Outreach unit there.' }],
      });
      d.partner = 'impsex-outreach';
      const deadline = Date.now() + 20_000;
      while (!d.r.rec.participantChanges.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await d.handle.executeUpdate(completeTaskUpdate, {
        args: [
          {
            taskId: (await d.r.waitForTask('locate-and-assist')).taskId,
            actor: outreach('impsex-outreach'),
            form: { ...FORMS['locate-and-assist'], outcome: 'not-found', personAgreesToReferral: false },
          },
        ],
      });
      await d.complete('close-contact');
    });
    expect(result.endState).toBe('not-located');
    expect(d.steps()).not.toContain('emergency-consent');
    expect(d.r.rec.notes.filter((n) => n.kind === 'warning').map((n) => n.detail)).toEqual([
      { rule: 'emergency-help-only-where-agreed' },
    ]);
    expect(d.followOns).toEqual([]);
  });

  it('a child’s referral consent is the guardian’s; a person who declines help or a lost contact ends the case', async () => {
    const child = await runCase(
      'child',
      async (d) => {
        await d.complete('risk-check', { immediateDanger: false, dangerKind: 'none' });
        await d.complete('locate-and-assist', { givenBy: 'guardian' });
        await d.complete('refer-on', { referral: 'other-service' });
        await d.complete('close-contact');
      },
      { isMinor: true },
    );
    expect(child.result.endState).toBe('referred-for-assistance');
    expect(child.d.r.rec.stepConsents.map((c) => c.givenBy)).toEqual(['guardian']);
    expect(child.d.followOns).toEqual([]);

    const declined = await runCase('declined', async (d) => {
      await d.complete('risk-check', { immediateDanger: false, dangerKind: 'none' });
      await d.complete('locate-and-assist', { outcome: 'found-declined-help', personAgreesToReferral: false });
      await d.complete('close-contact');
    });
    expect(declined.result.endState).toBe('declined-help');
    expect(declined.d.r.rec.stepConsents).toEqual([]);

    const lost = await runCase('contact-lost', async (d) => {
      await d.r.waitForTask('risk-check');
      const stranger: Actor = { sub: 'x', agencyId: 'police-witness-protection', roles: ['police-officer'] };
      expect(
        await updateFailureType(d.report('contact-lost', stranger, { lastContact: 'call-dropped', attempts: 1 })),
      ).toBe('WrongReporter');
      await d.report('contact-lost', OPERATOR, { lastContact: 'call-dropped', attempts: 3 });
    });
    expect(lost.result.endState).toBe('contact-lost');
  });
});
