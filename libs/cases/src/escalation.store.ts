import type { DeadlineEventInput } from '@waymark/contracts';
import { uuidFromKey } from '@waymark/notifications';
import type { DataSource, EntityManager } from 'typeorm';

export interface EscalationRow {
  task_id: string;
  step: string;
  agency_id: string;
  due_at: Date;
  escalated_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
  level: number;
  last_escalated_at: Date | null;
}

/** Why an escalation ended: the deadline moved, the step was done, or the case closed. */
export type EscalationResolution =
  'deadline-extended' | 'step-completed' | 'case-closed' | 'branch-ended' | 'round-reopened';

/**
 * Writes and the case view's reads of `escalations`. The metrics and timeliness reports read it too, as declared
 * read-only owners in libs/database/src/table-owners.ts.
 */
export class EscalationStore {
  constructor(private readonly ds: DataSource) {}

  async record(em: EntityManager, input: DeadlineEventInput): Promise<void> {
    await em.query(
      `INSERT INTO escalations (id, case_id, task_id, sop, step, agency_id, supervisor_roles, due_at, escalated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (task_id, due_at) DO NOTHING`,
      [
        uuidFromKey(`escalation:${input.taskId}:${input.dueAt}`),
        input.caseId,
        input.taskId,
        input.sop,
        input.step,
        input.agencyId,
        [...input.roles],
        new Date(input.dueAt),
        new Date(input.at),
      ],
    );
  }

  /** A repeat up the chain: raises the level of the open escalation; false when none is open (resolved meanwhile). */
  async recordRepeat(em: EntityManager, input: DeadlineEventInput, level: number): Promise<boolean> {
    const rows = (await em.query(
      `UPDATE escalations SET level = GREATEST(level, $3), last_escalated_at = $4
       WHERE task_id = $1 AND due_at = $2 AND resolved_at IS NULL RETURNING id`,
      [input.taskId, new Date(input.dueAt), level, new Date(input.at)],
    )) as [unknown[], number] | unknown[];
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return list.length > 0;
  }

  async resolveForTask(
    em: EntityManager,
    taskId: string,
    at: string | Date,
    resolution: EscalationResolution,
  ): Promise<void> {
    await em.query(
      `UPDATE escalations SET resolved_at = $2, resolution = $3 WHERE task_id = $1 AND resolved_at IS NULL`,
      [taskId, new Date(at), resolution],
    );
  }

  /** A deadline from the case's data moved: the task's open escalation of the old date ends. */
  async resolveForDueAt(
    em: EntityManager,
    taskId: string,
    dueAt: string,
    at: string | Date,
    resolution: EscalationResolution,
  ): Promise<void> {
    await em.query(
      `UPDATE escalations SET resolved_at = $3, resolution = $4 WHERE task_id = $1 AND due_at = $2 AND resolved_at IS NULL`,
      [taskId, new Date(dueAt), new Date(at), resolution],
    );
  }

  /** The case closed: every escalation still open in it ends with it. */
  async resolveForCase(em: EntityManager, caseId: string, at: string | Date): Promise<void> {
    await em.query(
      `UPDATE escalations SET resolved_at = $2, resolution = 'case-closed' WHERE case_id = $1 AND resolved_at IS NULL`,
      [caseId, new Date(at)],
    );
  }

  async listForCase(caseId: string): Promise<EscalationRow[]> {
    return (await this.ds.query(
      `SELECT task_id, step, agency_id, due_at, escalated_at, resolved_at, resolution, level, last_escalated_at
       FROM escalations WHERE case_id = $1 ORDER BY escalated_at`,
      [caseId],
    )) as EscalationRow[];
  }
}
