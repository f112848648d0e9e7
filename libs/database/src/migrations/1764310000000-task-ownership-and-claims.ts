import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tasks of per-person child workflows: which workflow owns a task, whose person code it carries, and claims. */
export class TaskOwnershipAndClaims1764310000000 implements MigrationInterface {
  name = 'TaskOwnershipAndClaims1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN workflow_id text`);
    await q.query(`UPDATE tasks t SET workflow_id = c.workflow_id FROM cases c WHERE c.id = t.case_id`);
    await q.query(`ALTER TABLE tasks ALTER COLUMN workflow_id SET NOT NULL`);
    await q.query(`ALTER TABLE tasks ADD COLUMN subject text, ADD COLUMN phase text`);
    await q.query(`ALTER TABLE tasks ADD COLUMN claimed_by text, ADD COLUMN claimed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE tasks DROP COLUMN claimed_at, DROP COLUMN claimed_by, DROP COLUMN phase, DROP COLUMN subject`,
    );
    await q.query(`ALTER TABLE tasks DROP COLUMN workflow_id`);
  }
}
