import { findStep } from '@waymark/contracts';
import { JOINT_OPERATION_SOP } from '../joint-operation/joint-operation.sop';
import { DEMO_HANDOFF_SOP } from '../demo-handoff/demo-handoff.sop';
import { escalationEveryMs, escalationTarget } from './escalation-chain';

describe('escalation chain', () => {
  const demo = { a: 'demo-a', b: 'demo-b' };

  it("goes from the task agency's supervisors to the lead's coordinators, and stays there", () => {
    const step = findStep(DEMO_HANDOFF_SOP, 'record-outcome');
    expect(escalationTarget(DEMO_HANDOFF_SOP, step, demo, 'demo-b', 0)).toEqual({
      agencyId: 'demo-b',
      roles: ['supervisor', 'manager'],
    });
    for (const level of [1, 2, 7]) {
      expect(escalationTarget(DEMO_HANDOFF_SOP, step, demo, 'demo-b', level)).toEqual({
        agencyId: 'demo-a',
        roles: ['supervisor', 'manager'],
      });
    }
    expect(escalationEveryMs(DEMO_HANDOFF_SOP, step)).toBe(86_400_000);
  });

  it('keeps a joint operation within the agency holding the step (role split)', () => {
    const step = findStep(JOINT_OPERATION_SOP, 'rights-information');
    const participants = { police: 'mossos-thb-unit', ngo: 'sicar-cat' };
    for (const level of [0, 1, 5]) {
      expect(escalationTarget(JOINT_OPERATION_SOP, step, participants, 'sicar-cat', level).agencyId).toBe('sicar-cat');
    }
  });
});
