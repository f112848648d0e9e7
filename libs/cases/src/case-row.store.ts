import type { DataSource, EntityManager } from 'typeorm';

export interface CaseErasureRow {
  id: string;
  sop: string;
  participants: Record<string, string>;
  workflow_id: string;
  participant_agencies: string[];
  erased_at: Date | null;
}

/**
 * The raw SQL on the `cases` aggregate (the case row and its `tasks`); typed reads and writes go through
 * CaseEntity/TaskEntity. The erasure locks, the visibility probe and the erasure's redaction of the row live here.
 */
export class CaseRowStore {
  /** A query-builder condition on tasks aliased `alias`: the task's case is not erased. */
  static taskOfLiveCase(alias: string): string {
    return `NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = ${alias}.case_id AND c.erased_at IS NOT NULL)`;
  }

  constructor(private readonly ds: DataSource) {}

  /**
   * Holds the case row against an erasure until this transaction ends (FOR SHARE; FOR UPDATE where the row is then
   * updated), and returns when it was erased (null: not erased). An erasure takes the row FOR UPDATE: a write that
   * locked it first commits before the redaction runs (which then covers it); one that comes after finds
   * `erased_at` set and writes nothing, so an activity still running at erasure cannot put data back.
   * Undefined when the case does not exist.
   */
  async lockErasedAt(em: EntityManager, caseId: string, lock: 'share' | 'update'): Promise<Date | null | undefined> {
    const rows = (await em.query(
      `SELECT erased_at FROM cases WHERE id = $1 FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'}`,
      [caseId],
    )) as { erased_at: Date | null }[];
    return rows[0] ? rows[0].erased_at : undefined;
  }

  /** Whether the case is open, holding it FOR SHARE (a closed case gets no new tasks). */
  async lockOpen(em: EntityManager, caseId: string): Promise<boolean> {
    const [open] = (await em.query(`SELECT 1 FROM cases WHERE id = $1 AND status = 'open' FOR SHARE`, [
      caseId,
    ])) as unknown[];
    return open !== undefined;
  }

  /** A participant change: the slot map and the agencies with access, as one row update. */
  async setParticipants(em: EntityManager, caseId: string, participants: Record<string, string>): Promise<void> {
    await em.query(`UPDATE cases SET participants = $2::jsonb, participant_agencies = $3 WHERE id = $1`, [
      caseId,
      JSON.stringify(participants),
      [...new Set(Object.values(participants))].sort(),
    ]);
  }

  /**
   * Moves the open tasks of these steps held by one agency to another (claims dropped); `taskIds` narrows it to
   * those tasks. Returns how many moved (0 on a retry: they moved the first time).
   */
  async moveOpenTasks(
    em: EntityManager,
    move: { caseId: string; steps: readonly string[]; from: string; to: string; taskIds?: readonly string[] },
  ): Promise<number> {
    const moved = (await em.query(
      `UPDATE tasks SET agency_id = $4, claimed_by = NULL, claimed_at = NULL
       WHERE case_id = $1 AND status = 'open' AND step = ANY($2::text[]) AND agency_id = $3
         AND ($5::uuid[] IS NULL OR id = ANY($5::uuid[]))
       RETURNING id`,
      [move.caseId, [...move.steps], move.from, move.to, move.taskIds ? [...move.taskIds] : null],
    )) as [unknown[], number] | unknown[];
    // pg's UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const rows = Array.isArray(moved[0]) ? (moved[0] as unknown[]) : (moved as unknown[]);
    return rows.length;
  }

  async erasedAt(caseId: string): Promise<Date | null | undefined> {
    const [kase] = (await this.ds.query('SELECT erased_at FROM cases WHERE id = $1', [caseId])) as {
      erased_at: Date | null;
    }[];
    return kase ? kase.erased_at : undefined;
  }

  /** Whether the agency takes part in the case. */
  async isParticipant(caseId: string, agencyId: string): Promise<boolean> {
    const [visible] = (await this.ds.query(
      `SELECT 1 FROM cases WHERE id = $1 AND participant_agencies @> ARRAY[$2]::text[]`,
      [caseId, agencyId],
    )) as unknown[];
    return visible !== undefined;
  }

  async caseIdOfTask(taskId: string): Promise<string | null> {
    const [task] = (await this.ds.query('SELECT case_id FROM tasks WHERE id = $1', [taskId])) as { case_id: string }[];
    return task?.case_id ?? null;
  }

  async forErasure(caseId: string): Promise<CaseErasureRow | undefined> {
    const [row] = (await this.ds.query(
      'SELECT id, sop, participants, workflow_id, participant_agencies, erased_at FROM cases WHERE id = $1',
      [caseId],
    )) as CaseErasureRow[];
    return row;
  }

  /** Every person branch's workflow the read model knows besides the case's own. */
  async branchWorkflowIds(caseId: string, workflowId: string): Promise<string[]> {
    const branches = (await this.ds.query(
      'SELECT DISTINCT workflow_id FROM tasks WHERE case_id = $1 AND workflow_id <> $2',
      [caseId, workflowId],
    )) as { workflow_id: string }[];
    return branches.map((b) => b.workflow_id);
  }

  /**
   * Erasure: marks the case erased, drops its demographics, closes it and its open tasks (dropping their deadlines
   * from the case's data); returns `erased_at`.
   */
  async redact(em: EntityManager, caseId: string, bySub: string, reason: string): Promise<Date> {
    await em.query(
      `UPDATE cases SET erased_at = now(), erased_by_sub = $2, erasure_reason = $3,
         age_band = NULL, gender = NULL, nationality = NULL,
         status = CASE WHEN status = 'open' THEN 'cancelled' ELSE status END,
         end_state = CASE WHEN status = 'open' THEN 'erased' ELSE end_state END,
         closed_at = COALESCE(closed_at, now())
       WHERE id = $1`,
      [caseId, bySub, reason],
    );
    const [{ erased_at }] = (await em.query('SELECT erased_at FROM cases WHERE id = $1', [caseId])) as {
      erased_at: Date;
    }[];
    await em.query(`UPDATE tasks SET status = 'cancelled' WHERE case_id = $1 AND status = 'open'`, [caseId]);
    // A deadline from the case's data may follow from a personal date (a date of birth gives the 18th birthday).
    await em.query(`UPDATE tasks SET deadline_at = NULL, deadline_id = NULL WHERE case_id = $1`, [caseId]);
    return erased_at;
  }
}
