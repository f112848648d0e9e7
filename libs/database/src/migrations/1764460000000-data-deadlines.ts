import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task shows the earliest deadline from the case's data that guards its step (SopDefinition.dataDeadlines: a
 * child turning 18, a travel document expiring): its id and date, updated when the source data changes.
 */
export class DataDeadlines1764460000000 implements MigrationInterface {
  name = 'DataDeadlines1764460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN deadline_at timestamptz, ADD COLUMN deadline_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks DROP COLUMN deadline_id, DROP COLUMN deadline_at`);
  }
}
