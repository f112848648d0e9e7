import { ASSISTED_RETURN_SOP } from '../../../../workflows/assisted-return/assisted-return.sop';
import { caseDataDeadlines, deadlineCompartment, redactDeadlineDetail } from './case-data-deadlines';

const spec = (id: string) => ASSISTED_RETURN_SOP.dataDeadlines!.find((d) => d.id === id)!;

describe('the case view of deadlines from case data', () => {
  it('finds the compartment each source field is kept in (field, step, event or intake)', () => {
    expect(deadlineCompartment(ASSISTED_RETURN_SOP, spec('age-out'))).toBe('identity');
    expect(deadlineCompartment(ASSISTED_RETURN_SOP, spec('travel-limit'))).toBe('return');
    expect(deadlineCompartment(ASSISTED_RETURN_SOP, spec('travel-document-expiry'))).toBe('identity');
  });

  const entries = [
    { kind: 'data-deadline', detail: { deadline: 'travel-limit', label: 'x', at: '2027-01-20T00:00:00.000Z' } },
    {
      kind: 'data-deadline',
      detail: { deadline: 'travel-limit', at: '2027-01-05T00:00:00.000Z', previousAt: '2027-01-20T00:00:00.000Z' },
    },
    { kind: 'data-deadline', detail: { deadline: 'age-out', at: '2027-07-01T00:00:00.000Z' } },
  ];

  it('shows every declared deadline with its latest date, none while unknown, withheld outside its compartment', () => {
    expect(caseDataDeadlines(ASSISTED_RETURN_SOP, entries, ['return', 'intake'])).toEqual([
      {
        id: 'travel-document-expiry',
        label: 'expiry of the travel document',
        steps: expect.any(Array),
        withheld: 'identity',
      },
      { id: 'travel-limit', label: 'medical travel limit', steps: expect.any(Array), at: '2027-01-05T00:00:00.000Z' },
      {
        id: 'age-out',
        label: "child's 18th birthday",
        steps: ['assess-child-family', 'approve-child-return'],
        withheld: 'identity',
      },
    ]);
    expect(caseDataDeadlines(ASSISTED_RETURN_SOP, [], ['identity']).find((d) => d.id === 'age-out')?.at).toBeNull();
  });

  it("removes a deadline entry's dates from the timeline for a reader of another compartment, and nothing else", () => {
    const ageOut = entries[2].detail;
    expect(redactDeadlineDetail(ASSISTED_RETURN_SOP, 'data-deadline', ageOut, ['return'])).toEqual({
      deadline: 'age-out',
      redacted: ['at'],
    });
    expect(redactDeadlineDetail(ASSISTED_RETURN_SOP, 'data-deadline', ageOut, ['identity'])).toBe(ageOut);
    expect(redactDeadlineDetail(ASSISTED_RETURN_SOP, 'task-opened', ageOut, [])).toBe(ageOut);
  });
});
