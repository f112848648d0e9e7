import { ASSISTED_RETURN_SOP } from '../../../workflows/assisted-return/assisted-return.sop';
import { SOPS } from '../../../workflows/sops';
import { caseParticipants, slotKindMismatch } from './sop.contract';

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

describe('slot kinds', () => {
  const slot = { kind: 'return-agency', alsoKinds: ['iom'], label: 'Return agency' } as const;

  it('takes the kind of the slot and the kinds it also accepts; a demo slot takes any', () => {
    expect(slotKindMismatch(slot, 'return-agency')).toBeUndefined();
    expect(slotKindMismatch(slot, 'iom')).toBeUndefined();
    expect(slotKindMismatch({ kind: 'demo', label: 'Demo' }, 'police')).toBeUndefined();
  });

  it('names the kinds it takes and the kind it got', () => {
    expect(slotKindMismatch(slot, 'police')).toBe(
      'must be one of the kinds return-agency, iom (the Return agency); this agency is a police',
    );
    expect(slotKindMismatch({ kind: 'ngo', label: 'NGO' }, 'police')).toBe(
      'must be a ngo agency (the NGO); this agency is a police',
    );
  });
});

describe('events that fit only a chosen route', () => {
  it('name a step, an enum field of its form and one of its options', () => {
    const conditions = SOPS.flatMap((sop) =>
      (sop.events ?? []).flatMap((e) => (e.onlyWhen ? [{ sop, event: e.type, when: e.onlyWhen }] : [])),
    );
    expect(conditions.map((c) => c.event)).toContain('third-country-refused');
    for (const { sop, event, when } of conditions) {
      const field = sop.steps.find((s) => s.id === when.step)?.form.fields[when.field];
      expect([sop.id, event, field?.type, field?.options?.includes(when.equals)]).toEqual([
        sop.id,
        event,
        'enum',
        true,
      ]);
    }
  });
});
