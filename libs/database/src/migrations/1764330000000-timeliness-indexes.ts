import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the managers' timeliness dashboard and the anonymised export (apps/api/src/timeliness). Every query
 * there reads one agency's tasks, optionally one SOP and step, over a period of `opened_at`, and aggregates a fixed
 * set of columns. Both task indexes carry those columns (INCLUDE), so the aggregation is served by index-only scans
 * without visiting the table. Two key orders, because PostgreSQL 16 (our production image) cannot skip over a
 * leading column: period-only filters use the first, SOP/step filters the second.
 */
export class TimelinessIndexes1764330000000 implements MigrationInterface {
  name = 'TimelinessIndexes1764330000000';

  async up(q: QueryRunner): Promise<void> {
    const carried = 'id, case_id, status, due_at, claimed_at, completed_at, pauses_agency_clock';
    await q.query(
      `CREATE INDEX tasks_timeliness_period_idx ON tasks (agency_id, opened_at) INCLUDE (sop, step, ${carried})`,
    );
    await q.query(
      `CREATE INDEX tasks_timeliness_step_idx ON tasks (agency_id, sop, step, opened_at) INCLUDE (${carried})`,
    );
    // Escalations are counted per (sop, step) of one agency, apart from the tasks, in the same order.
    await q.query(
      `CREATE INDEX escalations_timeliness_idx ON escalations (agency_id, sop, step) INCLUDE (task_id, case_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX escalations_timeliness_idx`);
    await q.query(`DROP INDEX tasks_timeliness_step_idx`);
    await q.query(`DROP INDEX tasks_timeliness_period_idx`);
  }
}
