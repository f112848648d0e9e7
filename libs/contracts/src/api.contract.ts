/**
 * Response shapes of the HTTP API that the web application reads too: declared once here, used by the API's services
 * and (type-only, so nothing reaches the browser bundle) by apps/web.
 */

/** A case as `GET /cases` lists it; `GET /cases/:id` adds to it. */
export interface CaseSummary {
  caseId: string;
  sop: string;
  sopVersion: number;
  /** The jurisdiction overlay the case started under (docs/jurisdiction-overlay.md), or null. */
  overlay?: { name: string; digest: string } | null;
  status: string;
  endState: string | null;
  openedAt: string;
  closedAt: string | null;
}

/** A task as the inbox lists it (`GET /tasks`). */
export interface TaskItem {
  taskId: string;
  caseId: string;
  sop: string;
  step: string;
  title: string;
  subject: string | null;
  phase: string | null;
  /** The round of the case the task belongs to (1 until the case goes back to an earlier decision). */
  round?: number;
  agencyId: string;
  roles: string[];
  status: string;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
  claimedBy: string | null;
  completedAt: string | null;
  /** The earliest deadline from the case's data guarding the step (SopDefinition.dataDeadlines), if any. */
  deadline?: { id: string; at: string } | null;
}

/** Timeliness of one (sop, step) in the caller's agency. Durations in seconds; `null` where nothing was measured. */
export interface TimelinessStepStats {
  sop: string;
  step: string;
  /** Completed tasks. */
  completed: number;
  /** completed_at − opened_at over completed tasks; median and p90 interpolated (`percentile_cont`). */
  durationSeconds: { median: number | null; p90: number | null; max: number | null };
  /** Completed by the due date, over completed tasks with a due date whose clock the agency runs. */
  onTime: { measured: number; onTime: number; rate: number | null };
  /** Tasks whose clock waits on the person's own decision: kept out of `onTime`, shown here. */
  pausedClock: { completed: number; measured: number; onTime: number };
  open: number;
  /** Open tasks past their due date now. */
  overdueOpen: number;
  /** Completed tasks someone claimed before completing. */
  claimed: number;
  /**
   * Means over completed tasks: waiting unclaimed (until the claim, or the whole duration when never claimed) and in
   * progress (claim to completion; 0 when never claimed). They add up to the mean duration.
   */
  meanSeconds: { unclaimed: number | null; inProgress: number | null };
  escalations: number;
}

export interface TimelinessReport {
  agencyId: string;
  /**
   * `own`: the agency's own tasks. `shared-cases`: a counterpart's tasks in the cases `viewerAgencyId` takes part in
   * (steps of a separated phase only where the viewer acted in it).
   */
  view: 'own' | 'shared-cases';
  viewerAgencyId: string;
  /** `before` is exclusive. */
  filters: { sop: string | null; step: string | null; from: string | null; before: string | null };
  generatedAt: string;
  items: TimelinessStepStats[];
}

/** An agency the caller's agency shares cases with (`GET /timeliness/counterparts`). */
export interface Counterpart {
  agencyId: string;
  name: string | null;
  kind: string | null;
  sharedCases: number;
}
