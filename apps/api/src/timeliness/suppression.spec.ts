import { suppressCategories, suppressStat } from './suppression';

describe('small-cell suppression', () => {
  it('withholds a statistic resting on 1 to minCell - 1 cases and publishes zero and larger cells', () => {
    expect(suppressStat(3, 3, 11)).toEqual({ value: null, suppressed: true });
    expect(suppressStat(10, 10, 11)).toEqual({ value: null, suppressed: true });
    expect(suppressStat(11, 11, 11)).toEqual({ value: 11, suppressed: false });
    expect(suppressStat(0, 0, 11)).toEqual({ value: 0, suppressed: false });
    expect(suppressStat(null, 0, 11)).toEqual({ value: null, suppressed: false });
  });

  it('judges by the distinct cases behind a statistic, not by its value', () => {
    // 40 tasks of 4 cases (per-person tasks): still only 4 cases.
    expect(suppressStat(40, 4, 11)).toEqual({ value: null, suppressed: true });
    // A median in seconds over 12 cases is published whatever its size.
    expect(suppressStat(2.5, 12, 11)).toEqual({ value: 2.5, suppressed: false });
  });

  it('honours a configured threshold', () => {
    expect(suppressStat(4, 4, 5)).toEqual({ value: null, suppressed: true });
    expect(suppressStat(5, 5, 5)).toEqual({ value: 5, suppressed: false });
  });

  it('pools rare labels into "other" so they are never published', () => {
    const cells = suppressCategories(
      [
        { category: 'female', cases: 30 },
        { category: 'male', cases: 20 },
        { category: 'Maria from the bakery', cases: 6 },
        { category: 'x', cases: 7 },
      ],
      11,
    );
    expect(cells).toEqual([
      { category: 'female', cases: { value: 30, suppressed: false } },
      { category: 'male', cases: { value: 20, suppressed: false } },
      { category: 'other', cases: { value: 13, suppressed: false } },
    ]);
    expect(JSON.stringify(cells)).not.toContain('Maria');
  });

  it('withholds a second cell when only one would be withheld, so subtraction from the total cannot recover it', () => {
    const cells = suppressCategories(
      [
        { category: '18-24', cases: 40 },
        { category: '25-34', cases: 15 },
        { category: 'not-recorded', cases: 3 },
      ],
      11,
    );
    expect(cells).toEqual([
      { category: '18-24', cases: { value: 40, suppressed: false } },
      { category: '25-34', cases: { value: null, suppressed: true } },
      { category: 'not-recorded', cases: { value: null, suppressed: true } },
    ]);
  });

  it('needs no second cell when two are already withheld, and leaves a lone cell as it is', () => {
    const two = suppressCategories(
      [
        { category: 'a', cases: 50 },
        { category: 'b', cases: 4 },
        { category: 'not-recorded', cases: 2 },
      ],
      11,
    );
    expect(two.filter((c) => c.cases.suppressed).map((c) => c.category)).toEqual(['other', 'not-recorded']);
    expect(two[0]).toEqual({ category: 'a', cases: { value: 50, suppressed: false } });
    expect(suppressCategories([{ category: 'not-recorded', cases: 5 }], 11)).toEqual([
      { category: 'not-recorded', cases: { value: null, suppressed: true } },
    ]);
    expect(suppressCategories([{ category: 'not-recorded', cases: 12 }], 11)).toEqual([
      { category: 'not-recorded', cases: { value: 12, suppressed: false } },
    ]);
  });

  it('merges a recorded "other" with the pooled rare labels', () => {
    const cells = suppressCategories(
      [
        { category: 'other', cases: 12 },
        { category: 'rare', cases: 1 },
      ],
      11,
    );
    expect(cells).toEqual([{ category: 'other', cases: { value: 13, suppressed: false } }]);
  });
});
