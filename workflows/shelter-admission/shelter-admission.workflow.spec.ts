import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { changeParticipantUpdate, type Actor, type CaseResult } from '@waymark/contracts';
import { runSopCase, SopCaseDriver, updateFailureType } from '../../test/support/sop-case';
import { createTimeSkippingEnv } from '../../test/support/workflow-env';
import { MAX_SHELTERS_ASKED } from './shelter-admission.sop';

const NET_CW: Actor = { sub: 'net-cw', agencyId: 'acse-network', roles: ['ngo-caseworker'] };
const NET_CO: Actor = { sub: 'net-co', agencyId: 'acse-network', roles: ['ngo-coordinator'] };
const worker = (agencyId: string): Actor => ({ sub: `${agencyId}-w`, agencyId, roles: ['shelter-worker'] });
const psychologist = (agencyId: string): Actor => ({ sub: `${agencyId}-p`, agencyId, roles: ['ngo-professional'] });

const FORMS: Record<string, Record<string, unknown>> = {
  'assess-risk': { riskTier: 'high', farFromExploitationArea: true, assessedOn: '2026-01-05' },
  'match-shelter': {
    shelterTier: 'high-security-shelter',
    area: 'other-city',
    personConsentsToShare: true,
    consentForm: 'verbal',
  },
  'answer-place-request': { decision: 'accepted', placesTotal: 6, placesFree: 2 },
  'transfer-person': { transferredOn: '2026-01-06', escort: 'ngo-staff', farFromExploitationArea: true },
  'admit-person': {
    houseRulesExplained: true,
    outcome: 'admitted',
    admittedOn: '2026-01-06',
    locationCategory: 'secret-flat',
    shareLocationWithNetwork: true,
    consentForm: 'written',
  },
  'assess-and-plan-stay': {
    psychologistSessionHeld: true,
    psychiatricReferral: false,
    healthCheckOffered: true,
    expectedStay: '1-to-3-months',
  },
  'inform-rights': { rightsExplained: true, residencePermit: 'applied' },
  'plan-exit': {
    exitRoute: 'assisted-return',
    plannedExitDate: '2099-01-01',
    returnCountry: 'MD',
    agreedWithPerson: true,
  },
  'confirm-exit': { outcome: 'left-for-return', exitedOn: '2026-03-01', finalEvaluationDone: true },
};
const NETWORK_STEPS = new Set(['assess-risk', 'match-shelter', 'transfer-person', 'plan-exit']);

let env: TestWorkflowEnvironment;

class Driver extends SopCaseDriver {
  shelter = 'hrdf-istanbul-shelter';

  async putShelter(agencyId: string): Promise<void> {
    await this.handle.executeUpdate(changeParticipantUpdate, {
      args: [{ actor: NET_CO, slot: 'shelter', agencyId, reason: 'Next shelter asked.' }],
    });
    this.shelter = agencyId;
  }

  async throughStay(): Promise<void> {
    await this.complete('transfer-person');
    await this.complete('admit-person');
    await this.complete('assess-and-plan-stay');
    await this.complete('inform-rights');
  }
}

function runCase(name: string, drive: (d: Driver) => Promise<void>): Promise<{ result: CaseResult; d: Driver }> {
  let driver: Driver | undefined;
  const actorOf = (step: string): Actor => {
    if (step === 'match-shelter') return NET_CO;
    if (NETWORK_STEPS.has(step)) return NET_CW;
    return step === 'assess-and-plan-stay' ? psychologist(driver!.shelter) : worker(driver!.shelter);
  };
  return runSopCase(
    env,
    {
      name,
      workflowType: 'shelterAdmissionWorkflow',
      input: {
        sop: 'shelter-admission',
        sopVersion: 1,
        participants: { network: 'acse-network', shelter: 'hrdf-istanbul-shelter' },
        openedBy: NET_CW,
        intake: { referralSource: 'police', identificationStatus: 'presumed', isMinor: false, hostCountry: 'TR' },
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

describe('shelterAdmissionWorkflow', () => {
  it('a shelter with no place declines with its capacity, the next one is asked and admits; the exit ends the case', async () => {
    const { result, d } = await runCase('next-shelter', async (d) => {
      await d.complete('assess-risk');
      await d.complete('match-shelter');
      await d.complete('answer-place-request', { decision: 'declined', declineReason: 'no-place', placesFree: 0 });
      // Asked again while the declining shelter still holds the slot: a warning, and the coordinator asks again.
      await d.complete('match-shelter');
      await d.r.waitForTask('match-shelter');
      expect(d.notes('warning')).toEqual([{ step: 'match-shelter', rule: 'next-shelter-asked' }]);
      await d.putShelter('lule-shelter');
      await d.complete('match-shelter');
      const answer = await d.complete('answer-place-request');
      expect(answer.agencyId).toBe('lule-shelter');
      await d.throughStay();
      await d.complete('plan-exit');
      await d.complete('confirm-exit');
    });
    expect(result).toMatchObject({ status: 'completed', endState: 'left-for-return' });
    expect(d.notes('shelter-declined')).toEqual([
      { step: 'answer-place-request', reason: 'no-place', placesTotal: 6, placesFree: 0, asked: 1 },
    ]);
    // The risk assessment went to each shelter asked under a sharing consent; the location only to the network.
    expect(d.r.rec.stepConsents.flatMap((c) => c.consents)).toEqual([
      { purpose: 'sharing', sharedWithAgency: 'hrdf-istanbul-shelter', scope: ['needs-and-risks'] },
      { purpose: 'sharing', sharedWithAgency: 'lule-shelter', scope: ['needs-and-risks'] },
      { purpose: 'sharing', sharedWithAgency: 'acse-network', scope: ['identity'] },
    ]);
    // The second shelter's steps opened for it; nothing opened for the shelter that declined after it declined.
    const after = d.r.rec.tasks.filter((t) => ['admit-person', 'confirm-exit', 'inform-rights'].includes(t.step));
    expect(new Set(after.map((t) => t.agencyId))).toEqual(new Set(['lule-shelter']));
  });

  it('relocation when at risk: a new round from the risk assessment, the old round closed, another shelter', async () => {
    const { result, d } = await runCase('relocation', async (d) => {
      await d.complete('assess-risk');
      await d.complete('match-shelter');
      await d.complete('answer-place-request');
      await d.throughStay();
      await d.r.waitForTask('plan-exit');
      await d.report('relocation-needed', worker(d.shelter), { reason: 'location-compromised', riskTier: 'high' });
      const risk = await d.r.waitForTask('assess-risk');
      expect(risk.round).toBe(2);
      expect(d.r.openTasks().map((t) => t.step)).toEqual(['assess-risk']);
      await d.complete('assess-risk');
      await d.putShelter('lule-shelter');
      await d.complete('match-shelter');
      await d.complete('answer-place-request');
      await d.throughStay();
      await d.complete('plan-exit', { exitRoute: 'independent-living' });
      await d.complete('confirm-exit', { outcome: 'moved-to-independent-living' });
    });
    expect(result.endState).toBe('stayed-in-destination');
    expect(d.notes('round-started')).toEqual([
      expect.objectContaining({ step: 'assess-risk', round: 2, event: 'relocation-needed' }),
    ]);
  });

  it(`stops after ${MAX_SHELTERS_ASKED} declines with no place found`, async () => {
    const { result, d } = await runCase('no-place', async (d) => {
      await d.complete('assess-risk');
      for (let i = 1; i <= MAX_SHELTERS_ASKED; i++) {
        if (i > 1) await d.putShelter(`shelter-${i}`);
        await d.complete('match-shelter');
        await d.complete('answer-place-request', { decision: 'declined', declineReason: 'wrong-risk-tier' });
      }
    });
    expect(result.endState).toBe('no-place-found');
    expect(d.notes('shelter-declined').map((n) => n.asked)).toEqual([1, 2, 3, 4, 5]);
  });

  it('without consent no shelter is asked; a person who leaves ends the case; events are checked', async () => {
    const refused = await runCase('consent-refused', async (d) => {
      await d.complete('assess-risk');
      await d.complete('match-shelter', { personConsentsToShare: false });
    });
    expect(refused.result.endState).toBe('consent-refused');
    expect(refused.d.r.rec.tasks.map((t) => t.step)).not.toContain('answer-place-request');

    const left = await runCase('left', async (d) => {
      await d.complete('assess-risk');
      // Not a reporter of this SOP's events: refused before anything is recorded.
      expect(
        await updateFailureType(
          d.report('person-left-shelter', worker('lule-shelter'), { lastContactOn: '2026-01-05', reason: 'other' }),
        ),
      ).toBe('WrongReporter');
      await d.report('person-left-shelter', NET_CW, { lastContactOn: '2026-01-05', reason: 'decided-to-leave' });
    });
    expect(left.result.endState).toBe('absconded');
    const state = left.d.r.rec.closed[0];
    expect(state.endState).toBe('absconded');
  });
});
