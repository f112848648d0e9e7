import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent gates: whether the case's intake records a child, so a consent from the person alone is refused (a child's
 * consent comes from the guardian or the responsible authority, seed L7216–L7217, L7223–L7225). Consent records the
 * workflow writes from a step's form carry stable ids (retries land on the same row), so no new column is needed.
 */
export class ConsentGates1764390000000 implements MigrationInterface {
  name = 'ConsentGates1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN person_is_minor boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX consents_gate_idx ON consents (case_id, purpose) WHERE withdrawn_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX consents_gate_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN person_is_minor`);
  }
}
