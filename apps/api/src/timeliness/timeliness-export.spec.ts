import {
  buildExport,
  EXPORT_CSV_HEADER,
  exportFileName,
  renderExportCsv,
  type RawStatisticsRow,
} from './timeliness-export';

const raw = (over: Partial<RawStatisticsRow>): RawStatisticsRow => ({
  sop: 'demo-handoff',
  step: 'review-intake',
  month: '2025-01',
  completed: 0,
  completed_cases: 0,
  median_seconds: null,
  p90_seconds: null,
  max_seconds: null,
  on_time_measured: 0,
  on_time: 0,
  measured_cases: 0,
  open: 0,
  open_cases: 0,
  overdue_open: 0,
  overdue_cases: 0,
  escalations: 0,
  escalated_cases: 0,
  ...over,
});

function sample(minCell = 11) {
  return buildExport({
    agencyId: 'demo-a',
    filters: { sop: null, step: null, from: '2025-01-01T00:00:00.000Z', before: null },
    minCell,
    generatedAt: new Date('2025-03-04T05:06:07Z'),
    statistics: [
      raw({
        completed: 30,
        completed_cases: 12,
        median_seconds: 3600.12345,
        p90_seconds: 7200,
        max_seconds: 9000,
        on_time_measured: 28,
        on_time: 21,
        measured_cases: 12,
        open: 4,
        open_cases: 4,
        escalations: 2,
        escalated_cases: 2,
      }),
      raw({
        step: 'record-outcome',
        completed: 3,
        completed_cases: 3,
        median_seconds: 60,
        p90_seconds: 70,
        max_seconds: 80,
      }),
    ],
    cases: [
      { sop: 'demo-handoff', dimension: 'gender', category: 'female', cases: 12 },
      { sop: 'demo-handoff', dimension: 'gender', category: 'male', cases: 2 },
      { sop: 'demo-handoff', dimension: 'ageBand', category: 'not-recorded', cases: 14 },
    ],
  });
}

describe('anonymised export', () => {
  it('publishes groups resting on enough cases and withholds the rest, figure by figure', () => {
    const data = sample();
    const [big, small] = data.statistics;
    expect(big).toMatchObject({
      completed: { value: 30, suppressed: false },
      medianSeconds: { value: 3600.123, suppressed: false },
      onTimeRate: { value: 0.75, suppressed: false },
      open: { value: null, suppressed: true },
      overdueOpen: { value: 0, suppressed: false },
      escalations: { value: null, suppressed: true },
    });
    expect(small).toMatchObject({
      completed: { value: null, suppressed: true },
      medianSeconds: { value: null, suppressed: true },
      maxSeconds: { value: null, suppressed: true },
      onTimeRate: { value: null, suppressed: false },
    });
    expect(data.minCellSize).toBe(11);
    expect(data.suppression).toContain('1 to 10 distinct cases');
  });

  it('orders case counts by SOP and dimension and protects each dimension', () => {
    const data = sample();
    expect(data.cases.map((c) => [c.dimension, c.category, c.cases.value, c.cases.suppressed])).toEqual([
      ['ageBand', 'not-recorded', 14, false],
      // "male" (2) is pooled into "other", withheld, and drags "female" along (secondary suppression).
      ['gender', 'female', null, true],
      ['gender', 'other', null, true],
    ]);
  });

  it('renders CSV with one header, "<11" for withheld figures and blanks for absent ones', () => {
    const csv = renderExportCsv(sample());
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(EXPORT_CSV_HEADER.join(','));
    expect(lines[1]).toBe(
      'timeliness,demo-handoff,review-intake,2025-01,demo-a,30,3600.123,7200,9000,0.75,<11,0,<11,,,',
    );
    expect(lines[2]).toBe('timeliness,demo-handoff,record-outcome,2025-01,demo-a,<11,<11,<11,<11,,0,0,0,,,');
    expect(lines[3]).toBe('cases,demo-handoff,,,demo-a,,,,,,,,,ageBand,not-recorded,14');
    expect(lines).toHaveLength(6);
    expect(renderExportCsv(sample(5))).toContain(',<5,');
  });

  it('names the file after a header-safe agency and the day', () => {
    const data = sample();
    expect(exportFileName(data, 'csv')).toBe('waymark-timeliness-demo-a-2025-03-04.csv');
    expect(exportFileName({ ...data, agencyId: 'A"b\r\n' }, 'json')).toBe('waymark-timeliness-a-b---2025-03-04.json');
  });
});
