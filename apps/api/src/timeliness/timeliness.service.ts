import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor, Counterpart, TimelinessReport, TimelinessStepStats } from '@waymark/contracts';

export type { Counterpart, TimelinessReport, TimelinessStepStats };
import { SOPS } from '@waymark/workflows/sops';
import { DataSource } from 'typeorm';
import { buildExport, type RawCasesRow, type RawStatisticsRow, type TimelinessExport } from './timeliness-export';
import { TIMELINESS_EXPORT_CONFIG, type TimelinessExportConfig } from './timeliness-export.config';
import {
  DASHBOARD_ROLES,
  monthAligned,
  resolveScope,
  separatedPhasesOf,
  type ScopeFilters,
  type TimelinessScope,
} from './timeliness-scope';
import { DomainException } from '@waymark/contracts';
import { dashboardStatement, exportCasesStatement, exportStatisticsStatement } from './timeliness-sql';

interface DashboardRow {
  sop: string;
  step: string;
  completed: number;
  duration_percentiles: (number | null)[] | null;
  max_seconds: number | null;
  on_time_measured: number;
  on_time: number;
  paused_completed: number;
  paused_measured: number;
  paused_on_time: number;
  open: number;
  overdue_open: number;
  claimed: number;
  mean_unclaimed_seconds: number | null;
  mean_in_progress_seconds: number | null;
  escalations: number;
}

type ExportStatisticsRow = Omit<RawStatisticsRow, 'median_seconds' | 'p90_seconds'> & {
  duration_percentiles: (number | null)[] | null;
};

const seconds = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 1000);
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function describeFilters(scope: TimelinessScope): TimelinessReport['filters'] {
  return {
    sop: scope.sop ?? null,
    step: scope.step ?? null,
    from: scope.from?.toISOString() ?? null,
    before: scope.before?.toISOString() ?? null,
  };
}

const SEPARATED_PHASES = separatedPhasesOf(SOPS);

/** Managers' timeliness figures and the anonymised export, computed in PostgreSQL over the read model. */
@Injectable()
export class TimelinessService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(TIMELINESS_EXPORT_CONFIG) private readonly config: TimelinessExportConfig,
  ) {}

  dashboard(actor: Actor, filters: ScopeFilters): Promise<TimelinessReport> {
    return this.dashboardFor(
      resolveScope(actor, filters, { counterparts: true, separatedPhases: SEPARATED_PHASES }),
      new Date(),
    );
  }

  /** The agencies the caller's agency shares at least one case with: the dashboard's counterparts to drill into. */
  async counterparts(actor: Actor): Promise<{ items: Counterpart[] }> {
    if (!actor.roles.some((r) => DASHBOARD_ROLES.includes(r))) {
      throw new DomainException('forbidden', 'Timeliness figures are for managers and supervisors.');
    }
    const rows: { agency_id: string; name: string | null; kind: string | null; cases: number }[] = await this.ds.query(
      `SELECT p.agency_id, a.name, a.kind, count(*)::int AS cases
       FROM cases c CROSS JOIN LATERAL unnest(c.participant_agencies) AS p(agency_id)
       LEFT JOIN agencies a ON a.id = p.agency_id
       WHERE $1 = ANY(c.participant_agencies) AND p.agency_id <> $1 AND c.erased_at IS NULL
       GROUP BY p.agency_id, a.name, a.kind
       ORDER BY p.agency_id`,
      [actor.agencyId],
    );
    return { items: rows.map((r) => ({ agencyId: r.agency_id, name: r.name, kind: r.kind, sharedCases: r.cases })) };
  }

  /** The dashboard for an already checked scope (the benchmark calls this directly). */
  async dashboardFor(scope: TimelinessScope, now: Date): Promise<TimelinessReport> {
    const { sql, params } = dashboardStatement(scope, now);
    const rows: DashboardRow[] = await this.ds.query(sql, params);
    return {
      agencyId: scope.agencyId,
      view: scope.sharedWith ? 'shared-cases' : 'own',
      viewerAgencyId: scope.sharedWith ?? scope.agencyId,
      filters: describeFilters(scope),
      generatedAt: now.toISOString(),
      items: rows.map((r) => ({
        sop: r.sop,
        step: r.step,
        completed: r.completed,
        durationSeconds: {
          median: seconds(r.duration_percentiles?.[0]),
          p90: seconds(r.duration_percentiles?.[1]),
          max: seconds(r.max_seconds),
        },
        onTime: { measured: r.on_time_measured, onTime: r.on_time, rate: rate(r.on_time, r.on_time_measured) },
        pausedClock: { completed: r.paused_completed, measured: r.paused_measured, onTime: r.paused_on_time },
        open: r.open,
        overdueOpen: r.overdue_open,
        claimed: r.claimed,
        meanSeconds: { unclaimed: seconds(r.mean_unclaimed_seconds), inProgress: seconds(r.mean_in_progress_seconds) },
        escalations: r.escalations,
      })),
    };
  }

  export(actor: Actor, filters: ScopeFilters): Promise<TimelinessExport> {
    return this.exportFor(resolveScope(actor, filters), new Date());
  }

  async exportFor(requested: TimelinessScope, now: Date): Promise<TimelinessExport> {
    const scope = monthAligned(requested);
    const statistics = exportStatisticsStatement(scope, now);
    const cases = exportCasesStatement(scope);
    // One snapshot for both statements, so case counts and task figures describe the same moment.
    const [statRows, caseRows] = await this.ds.transaction('REPEATABLE READ', async (em) => [
      (await em.query(statistics.sql, statistics.params)) as ExportStatisticsRow[],
      (await em.query(cases.sql, cases.params)) as RawCasesRow[],
    ]);
    return buildExport({
      agencyId: scope.agencyId,
      filters: describeFilters(scope),
      minCell: this.config.exportMinCell,
      generatedAt: now,
      statistics: statRows.map(({ duration_percentiles, ...r }) => ({
        ...r,
        median_seconds: duration_percentiles?.[0] ?? null,
        p90_seconds: duration_percentiles?.[1] ?? null,
      })),
      cases: caseRows,
    });
  }
}
