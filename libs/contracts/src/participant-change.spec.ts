import { DEMO_HANDOFF_SOP } from '@waymark/workflows/demo-handoff/demo-handoff.sop';
import { participantChangeErrors } from './participant-change';

const CASE = { a: 'demo-a', b: 'demo-b' };
const errors = (change: Record<string, unknown>, participants: Record<string, string> = CASE) =>
  participantChangeErrors(DEMO_HANDOFF_SOP, participants, { slot: 'b', reason: 'moved', ...change } as never);

describe('participantChangeErrors', () => {
  it('takes another agency for a changeable slot, or the withdrawal of the one in it', () => {
    expect(errors({ agencyId: 'other-ngo' })).toEqual([]);
    expect(errors({ withdraw: true })).toEqual([]);
  });

  it('names the field and the reason for what does not fit, never the value', () => {
    expect(errors({ slot: 'a', agencyId: 'other-ngo' })).toEqual([
      { field: 'slot', reason: "is the lead agency's slot, which runs the case and does not change" },
    ]);
    expect(errors({ agencyId: 'Other NGO' })).toEqual([
      { field: 'agencyId', reason: 'must be an agency id (lowercase letters, digits and dashes)' },
    ]);
    expect(errors({})).toEqual([
      { field: 'agencyId', reason: 'must be an agency id (lowercase letters, digits and dashes)' },
    ]);
    expect(errors({ agencyId: 'demo-b' })).toEqual([{ field: 'agencyId', reason: 'already fills this slot' }]);
    expect(errors({ withdraw: true, agencyId: 'other-ngo' })).toEqual([
      { field: 'agencyId', reason: 'must be left out when the agency in the slot withdraws' },
    ]);
    expect(errors({ withdraw: 'yes' })).toEqual([{ field: 'withdraw', reason: 'must be true or false' }]);
    expect(errors({ reason: ' ', agencyId: 'other-ngo' })).toEqual([
      { field: 'reason', reason: 'must be a text of 1 to 500 characters' },
    ]);
  });

  it('refuses a second withdrawal: after the first the lead agency holds the slot', () => {
    expect(errors({ withdraw: true }, { a: 'demo-a', b: 'demo-a' })).toEqual([
      { field: 'withdraw', reason: 'the agency in this slot has already withdrawn; the lead holds it' },
    ]);
    // Another agency may then be put in it.
    expect(errors({ agencyId: 'other-ngo' }, { a: 'demo-a', b: 'demo-a' })).toEqual([]);
  });
});
