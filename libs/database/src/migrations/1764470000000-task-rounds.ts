import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task belongs to a round of its case: 1 until an event sends the case back to an earlier decision
 * (docs/domain.md, "Rounds"). Every existing task is of round 1.
 */
export class TaskRounds1764470000000 implements MigrationInterface {
  name = 'TaskRounds1764470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN round integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN round`);
  }
}
