import { ASSISTED_RETURN_SOP } from '../../../workflows/assisted-return/assisted-return.sop';
import { SOPS } from '../../../workflows/sops';
import { caseParticipants } from './sop.contract';

describe('case participants', () => {
  const adult = { isMinor: false };
  const child = { isMinor: true };

  it('leaves a slot the intake does not call for empty, and fills the others with their defaults', () => {
    expect(caseParticipants(ASSISTED_RETURN_SOP, adult)).toEqual({
      participants: {
        'destination-ngo': 'mh-heilbronn',
        'origin-ngo': 'adpare',
        consulate: 'ro-consulate-stuttgart',
        'return-agency': 'iom-germany',
      },
      errors: [],
    });
    expect(caseParticipants(ASSISTED_RETURN_SOP, child).participants['child-authority']).toBe('ro-child-protection');
    expect(
      caseParticipants(ASSISTED_RETURN_SOP, child, { 'child-authority': 'other-authority' }).participants[
        'child-authority'
      ],
    ).toBe('other-authority');
  });

  it('names the field and the reason for a slot given where it does not belong, unknown, or malformed, never the value', () => {
    const { errors } = caseParticipants(ASSISTED_RETURN_SOP, adult, {
      'child-authority': 'ro-child-protection',
      police: 'x',
      consulate: 'Not An Id',
    });
    expect(errors).toEqual([
      { field: 'participants.police', reason: 'is not a participant slot of this SOP' },
      { field: 'participants.consulate', reason: 'must name the Consulate of the country of return (an agency id)' },
      { field: 'participants.child-authority', reason: 'takes part only when input.isMinor is true; leave it out' },
    ]);
    expect(JSON.stringify(errors)).not.toContain('Not An Id');
  });

  it("ties every conditional slot to a field of its SOP's intake", () => {
    // Every conditional slot names an intake field of its SOP, so the API and the workflow read the same answer.
    for (const sop of SOPS) {
      for (const [slot, spec] of Object.entries(sop.participants)) {
        if (!spec.onlyWhen) continue;
        expect([sop.id, slot, spec.onlyWhen.field in sop.intake.fields]).toEqual([sop.id, slot, true]);
      }
    }
  });
});
