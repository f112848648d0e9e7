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
}

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

  async resolveForTask(em: EntityManager, taskId: string, at: string | Date): Promise<void> {
    await em.query(
      `UPDATE escalations SET resolved_at = $2, resolution = 'deadline-extended' WHERE task_id = $1 AND resolved_at IS NULL`,
      [taskId, new Date(at)],
    );
  }

  async listForCase(caseId: string): Promise<EscalationRow[]> {
    return (await this.ds.query(
      `SELECT task_id, step, agency_id, due_at, escalated_at, resolved_at, resolution FROM escalations WHERE case_id = $1 ORDER BY escalated_at`,
      [caseId],
    )) as EscalationRow[];
  }
}
