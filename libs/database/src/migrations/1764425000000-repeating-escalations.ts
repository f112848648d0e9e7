import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Escalations that keep going: a breach stays one row (the reports count breaches), and each repeat up the SOP's
 * escalation chain raises its `level` and `last_escalated_at`. Completing the step or closing the case resolves it.
 */
export class RepeatingEscalations1764425000000 implements MigrationInterface {
  name = 'RepeatingEscalations1764425000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE escalations ADD COLUMN level integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE escalations ADD COLUMN last_escalated_at timestamptz`);
    await q.query(`CREATE INDEX escalations_open_idx ON escalations (task_id) WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX escalations_open_idx`);
    await q.query(`ALTER TABLE escalations DROP COLUMN last_escalated_at, DROP COLUMN level`);
  }
}
