import { toCsv, type CsvValue } from './csv';
import { suppressCategories, suppressStat, type Cell } from './suppression';

export type Dimension = 'ageBand' | 'gender' | 'nationality';
export const DIMENSIONS: readonly Dimension[] = ['ageBand', 'gender', 'nationality'];

/** One (sop, step, month) group as the export SQL returns it: each figure with the distinct cases behind it. */
export interface RawStatisticsRow {
  sop: string;
  step: string;
  month: string;
  completed: number;
  completed_cases: number;
  median_seconds: number | null;
  p90_seconds: number | null;
  max_seconds: number | null;
  on_time_measured: number;
  on_time: number;
  measured_cases: number;
  open: number;
  open_cases: number;
  overdue_open: number;
  overdue_cases: number;
  escalations: number;
  escalated_cases: number;
}

export interface RawCasesRow {
  sop: string;
  dimension: Dimension;
  category: string;
  cases: number;
}

export interface ExportStatisticsRow {
  sop: string;
  step: string;
  /** `YYYY-MM` (UTC) of the tasks' `opened_at`. */
  month: string;
  agencyId: string;
  completed: Cell;
  medianSeconds: Cell;
  p90Seconds: Cell;
  maxSeconds: Cell;
  onTimeRate: Cell;
  open: Cell;
  overdueOpen: Cell;
  escalations: Cell;
}

export interface ExportCasesRow {
  sop: string;
  agencyId: string;
  dimension: Dimension;
  category: string;
  cases: Cell;
}

export interface TimelinessExport {
  generatedAt: string;
  agencyId: string;
  /** The period actually exported: the requested one widened to whole UTC months; `before` is exclusive. */
  filters: { sop: string | null; step: string | null; from: string | null; before: string | null };
  minCellSize: number;
  suppression: string;
  statistics: ExportStatisticsRow[];
  cases: ExportCasesRow[];
}

export function suppressionNote(minCell: number): string {
  return (
    `Figures resting on 1 to ${minCell - 1} distinct cases are withheld (null with suppressed: true; "<${minCell}" in CSV). ` +
    `Recorded values held by fewer than ${minCell} cases are pooled as "${'other'}"; when a dimension would withhold ` +
    'a single cell, its next smallest cell is withheld too. Periods are whole UTC months.'
  );
}

const seconds = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/** Applies suppression to the raw groups. Pure: the SQL has done the counting. */
export function buildExport(input: {
  agencyId: string;
  filters: TimelinessExport['filters'];
  minCell: number;
  generatedAt: Date;
  statistics: readonly RawStatisticsRow[];
  cases: readonly RawCasesRow[];
}): TimelinessExport {
  const { agencyId, minCell } = input;
  const statistics = input.statistics.map((r): ExportStatisticsRow => {
    const rate = r.on_time_measured > 0 ? Math.round((r.on_time / r.on_time_measured) * 10_000) / 10_000 : null;
    return {
      sop: r.sop,
      step: r.step,
      month: r.month,
      agencyId,
      completed: suppressStat(r.completed, r.completed_cases, minCell),
      medianSeconds: suppressStat(seconds(r.median_seconds), r.completed_cases, minCell),
      p90Seconds: suppressStat(seconds(r.p90_seconds), r.completed_cases, minCell),
      maxSeconds: suppressStat(seconds(r.max_seconds), r.completed_cases, minCell),
      onTimeRate: suppressStat(rate, r.measured_cases, minCell),
      open: suppressStat(r.open, r.open_cases, minCell),
      overdueOpen: suppressStat(r.overdue_open, r.overdue_cases, minCell),
      escalations: suppressStat(r.escalations, r.escalated_cases, minCell),
    };
  });

  const groups = new Map<
    string,
    { sop: string; dimension: Dimension; counts: { category: string; cases: number }[] }
  >();
  for (const r of input.cases) {
    const key = `${r.sop}\u0000${r.dimension}`;
    const group = groups.get(key) ?? { sop: r.sop, dimension: r.dimension, counts: [] };
    group.counts.push({ category: r.category, cases: r.cases });
    groups.set(key, group);
  }
  const cases = [...groups.values()]
    .sort((a, b) => a.sop.localeCompare(b.sop) || DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension))
    .flatMap((g) =>
      suppressCategories(g.counts, minCell).map((c) => ({
        sop: g.sop,
        agencyId,
        dimension: g.dimension,
        category: c.category,
        cases: c.cases,
      })),
    );

  return {
    generatedAt: input.generatedAt.toISOString(),
    agencyId,
    filters: input.filters,
    minCellSize: minCell,
    suppression: suppressionNote(minCell),
    statistics,
    cases,
  };
}

/** One header for both tables (`table` tells them apart), so the file opens as a single sheet. */
export const EXPORT_CSV_HEADER = [
  'table',
  'sop',
  'step',
  'month',
  'agency_id',
  'completed',
  'median_seconds',
  'p90_seconds',
  'max_seconds',
  'on_time_rate',
  'open',
  'overdue_open',
  'escalations',
  'dimension',
  'category',
  'cases',
] as const;

export function renderExportCsv(data: TimelinessExport): string {
  const cell = (c: Cell): CsvValue => (c.suppressed ? `<${data.minCellSize}` : c.value);
  const rows: CsvValue[][] = [
    ...data.statistics.map((r) => [
      'timeliness',
      r.sop,
      r.step,
      r.month,
      r.agencyId,
      cell(r.completed),
      cell(r.medianSeconds),
      cell(r.p90Seconds),
      cell(r.maxSeconds),
      cell(r.onTimeRate),
      cell(r.open),
      cell(r.overdueOpen),
      cell(r.escalations),
      null,
      null,
      null,
    ]),
    ...data.cases.map((r) => [
      'cases',
      r.sop,
      null,
      null,
      r.agencyId,
      ...Array<CsvValue>(8).fill(null),
      r.dimension,
      r.category,
      cell(r.cases),
    ]),
  ];
  return toCsv(EXPORT_CSV_HEADER, rows);
}

/**
 * `waymark-timeliness-<agency>-<YYYY-MM-DD>.<ext>`. The agency comes from a token claim the signer does not
 * constrain, so anything outside `[a-z0-9-]` is replaced before it goes into a header.
 */
export function exportFileName(data: TimelinessExport, format: 'csv' | 'json'): string {
  const agency = data.agencyId
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 64);
  return `waymark-timeliness-${agency}-${data.generatedAt.slice(0, 10)}.${format}`;
}
