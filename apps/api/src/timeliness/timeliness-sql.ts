import type { TimelinessScope } from './timeliness-scope';

/**
 * The timeliness statements, built as text plus positional parameters so the benchmark can EXPLAIN exactly what the
 * API runs. All figures are aggregated in PostgreSQL; no task row reaches Node.
 *
 * Parameter $1 is always the agency. Durations are seconds (`date_part('epoch', interval)`, a float8, which
 * `percentile_cont` takes directly; `extract` returns numeric since PostgreSQL 14 and is slower).
 */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** Positional parameters of a scope, bound once and referenced by every part of a statement. */
interface BoundScope {
  params: unknown[];
  /** Conditions on a table holding `agency_id`, `sop` and `step` (tasks, escalations). */
  where(alias: string): string;
  /** The period condition on tasks' `opened_at`, or `undefined` when the scope has no period. */
  period(alias: string): string | undefined;
  /** A counterpart view's phase condition on tasks, or `undefined`. */
  phase(alias: string): string | undefined;
  /** A counterpart view: escalations are matched to the tasks in scope, whatever the period. */
  shared: boolean;
  bind(value: unknown): string;
}

function bindScope(scope: TimelinessScope): BoundScope {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const agency = bind(scope.agencyId);
  const sop = scope.sop !== undefined ? bind(scope.sop) : undefined;
  const step = scope.step !== undefined ? bind(scope.step) : undefined;
  const from = scope.from ? bind(scope.from.toISOString()) : undefined;
  const before = scope.before ? bind(scope.before.toISOString()) : undefined;
  const period = (a: string) => {
    const c = [
      ...(from ? [`${a}.opened_at >= ${from}::timestamptz`] : []),
      ...(before ? [`${a}.opened_at < ${before}::timestamptz`] : []),
    ];
    return c.length ? c.join(' AND ') : undefined;
  };
  const viewer = scope.sharedWith !== undefined ? bind(scope.sharedWith) : undefined;
  const separated = viewer && scope.separatedPhases?.length ? bind(scope.separatedPhases) : undefined;
  const where = (a: string) =>
    [
      `${a}.agency_id = ${agency}`,
      ...(sop ? [`${a}.sop = ${sop}`] : []),
      ...(step ? [`${a}.step = ${step}`] : []),
      ...(viewer ? [`${a}.case_id IN (SELECT c.id FROM cases c WHERE ${viewer} = ANY(c.participant_agencies))`] : []),
    ].join(' AND ');
  // A separated phase's task counts for a counterpart view only where the viewer's agency acted in that phase of
  // the same case (as the case view shows it); other phases' tasks count wherever the cases are shared.
  const phase = (a: string) =>
    separated
      ? `(${a}.phase IS NULL OR NOT (${a}.sop || ':' || ${a}.phase = ANY(${separated}::text[]))
          OR EXISTS (SELECT 1 FROM tasks v WHERE v.case_id = ${a}.case_id AND v.agency_id = ${viewer} AND v.phase = ${a}.phase))`
      : undefined;
  return { params, where, period, phase, shared: viewer !== undefined, bind };
}

function taskWhere(b: BoundScope, alias = 't'): string {
  return [b.where(alias), b.period(alias), b.phase(alias)].filter(Boolean).join(' AND ');
}

/** Per-task derived columns shared by the dashboard and the export; cancelled tasks take no part. */
function taskFacts(b: BoundScope, extraColumns = ''): string {
  return `
      SELECT t.sop, t.step, t.status, t.case_id, t.due_at, t.completed_at, t.claimed_at, t.pauses_agency_clock,
        CASE WHEN t.status = 'completed' THEN date_part('epoch', t.completed_at - t.opened_at) END AS duration,
        CASE WHEN t.status = 'completed' THEN date_part('epoch', coalesce(t.claimed_at, t.completed_at) - t.opened_at) END AS unclaimed,
        CASE WHEN t.status = 'completed' THEN coalesce(date_part('epoch', t.completed_at - t.claimed_at), 0) END AS in_progress${extraColumns}
      FROM tasks t
      WHERE ${taskWhere(b)} AND t.status IN ('open', 'completed')`;
}

/** Completed on a clock the agency runs: a due date, and not paused on the person's own decision. */
const MEASURED = `status = 'completed' AND due_at IS NOT NULL AND NOT pauses_agency_clock`;
const PAUSED = `status = 'completed' AND pauses_agency_clock`;

/**
 * The dashboard: one row per (sop, step). Tasks and escalations are aggregated apart and joined on (sop, step):
 * joining escalations to every task row first doubled the cost (a hash join loses the index order, so 50,000 rows
 * were sorted again). Apart, both sides are index-only scans already in (sop, step) order, merged without a sort.
 * Escalations are counted for the tasks in scope; without a period the escalation rows' own agency, SOP and step
 * (copied from their task) suffice, with one they are matched to tasks opened in it.
 */
export function dashboardStatement(scope: TimelinessScope, now: Date): SqlStatement {
  const b = bindScope(scope);
  const facts = taskFacts(b);
  const nowParam = `${b.bind(now.toISOString())}::timestamptz`;
  const period = b.period('t');
  const sql = `
    WITH task_figures AS (
      SELECT sop, step,
        count(*) FILTER (WHERE status = 'completed')::int AS completed,
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY duration) AS duration_percentiles,
        max(duration) AS max_seconds,
        count(*) FILTER (WHERE ${MEASURED})::int AS on_time_measured,
        count(*) FILTER (WHERE ${MEASURED} AND completed_at <= due_at)::int AS on_time,
        count(*) FILTER (WHERE ${PAUSED})::int AS paused_completed,
        count(*) FILTER (WHERE ${PAUSED} AND due_at IS NOT NULL)::int AS paused_measured,
        count(*) FILTER (WHERE ${PAUSED} AND completed_at <= due_at)::int AS paused_on_time,
        count(*) FILTER (WHERE status = 'open')::int AS open,
        count(*) FILTER (WHERE status = 'open' AND due_at < ${nowParam})::int AS overdue_open,
        count(*) FILTER (WHERE status = 'completed' AND claimed_at IS NOT NULL)::int AS claimed,
        avg(unclaimed) AS mean_unclaimed_seconds,
        avg(in_progress) AS mean_in_progress_seconds
      FROM (${facts}) f
      GROUP BY sop, step
    ), escalation_figures AS (
      SELECT e.sop, e.step, count(*)::int AS escalations
      FROM escalations e
      WHERE ${b.where('e')}${period || b.shared ? ` AND e.task_id IN (SELECT t.id FROM tasks t WHERE ${taskWhere(b)})` : ''}
      GROUP BY e.sop, e.step
    )
    SELECT sop, step,
      coalesce(completed, 0) AS completed, duration_percentiles, max_seconds,
      coalesce(on_time_measured, 0) AS on_time_measured, coalesce(on_time, 0) AS on_time,
      coalesce(paused_completed, 0) AS paused_completed, coalesce(paused_measured, 0) AS paused_measured,
      coalesce(paused_on_time, 0) AS paused_on_time, coalesce(open, 0) AS open, coalesce(overdue_open, 0) AS overdue_open,
      coalesce(claimed, 0) AS claimed, mean_unclaimed_seconds, mean_in_progress_seconds,
      coalesce(escalations, 0) AS escalations
    FROM task_figures FULL JOIN escalation_figures USING (sop, step)
    ORDER BY sop, step`;
  return { sql, params: b.params };
}

/**
 * The export's statistics: one row per (sop, step, month of opened_at in UTC), each figure with the number of
 * distinct cases behind it, which is what suppression judges. Escalations are grouped by their task's month, so
 * they are joined to tasks here.
 */
export function exportStatisticsStatement(scope: TimelinessScope, now: Date): SqlStatement {
  const b = bindScope(scope);
  // Grouped on the month's first instant (a cheap timestamp) and formatted once per output row, not once per task.
  const month = `date_trunc('month', t.opened_at AT TIME ZONE 'UTC')`;
  const facts = taskFacts(b, `,\n        ${month} AS month`);
  const nowParam = `${b.bind(now.toISOString())}::timestamptz`;
  const sql = `
    WITH task_figures AS (
      SELECT sop, step, month,
        count(*) FILTER (WHERE status = 'completed')::int AS completed,
        count(DISTINCT case_id) FILTER (WHERE status = 'completed')::int AS completed_cases,
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY duration) AS duration_percentiles,
        max(duration) AS max_seconds,
        count(*) FILTER (WHERE ${MEASURED})::int AS on_time_measured,
        count(*) FILTER (WHERE ${MEASURED} AND completed_at <= due_at)::int AS on_time,
        count(DISTINCT case_id) FILTER (WHERE ${MEASURED})::int AS measured_cases,
        count(*) FILTER (WHERE status = 'open')::int AS open,
        count(DISTINCT case_id) FILTER (WHERE status = 'open')::int AS open_cases,
        count(*) FILTER (WHERE status = 'open' AND due_at < ${nowParam})::int AS overdue_open,
        count(DISTINCT case_id) FILTER (WHERE status = 'open' AND due_at < ${nowParam})::int AS overdue_cases
      FROM (${facts}) f
      GROUP BY sop, step, month
    ), escalation_figures AS (
      SELECT t.sop, t.step, ${month} AS month, count(*)::int AS escalations,
        count(DISTINCT e.case_id)::int AS escalated_cases
      FROM escalations e
      JOIN tasks t ON t.id = e.task_id
      WHERE ${b.where('e')} AND ${taskWhere(b)}
      GROUP BY 1, 2, 3
    )
    SELECT sop, step, to_char(month, 'YYYY-MM') AS month,
      coalesce(completed, 0) AS completed, coalesce(completed_cases, 0) AS completed_cases, duration_percentiles,
      max_seconds, coalesce(on_time_measured, 0) AS on_time_measured, coalesce(on_time, 0) AS on_time,
      coalesce(measured_cases, 0) AS measured_cases, coalesce(open, 0) AS open, coalesce(open_cases, 0) AS open_cases,
      coalesce(overdue_open, 0) AS overdue_open, coalesce(overdue_cases, 0) AS overdue_cases,
      coalesce(escalations, 0) AS escalations, coalesce(escalated_cases, 0) AS escalated_cases
    FROM task_figures FULL JOIN escalation_figures USING (sop, step, month)
    ORDER BY sop, step, month`;
  return { sql, params: b.params };
}

/**
 * Cases behind the exported tasks, counted by each recorded dimension separately (never crossed: a cross-tabulation
 * of age band × gender × nationality would single people out). Missing or blank values count as `not-recorded`.
 */
export function exportCasesStatement(scope: TimelinessScope): SqlStatement {
  const b = bindScope(scope);
  const sql = `
    SELECT k.sop, d.dimension, coalesce(nullif(btrim(d.category), ''), 'not-recorded') AS category, count(*)::int AS cases
    FROM cases k
    CROSS JOIN LATERAL (VALUES ('ageBand', k.age_band), ('gender', k.gender), ('nationality', k.nationality))
      AS d (dimension, category)
    WHERE k.id IN (SELECT t.case_id FROM tasks t WHERE ${taskWhere(b)} AND t.status IN ('open', 'completed'))
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
  return { sql, params: b.params };
}
