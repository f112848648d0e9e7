import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-case data keys of the Temporal payload codec, wrapped under the master key, and erasure on the case.
 * `case_id` is text, not a reference to `cases`: the deployment-wide `system` key lives here too, and a case's key
 * is created when the API encodes the workflow's start input, before the case row exists. A destroyed key leaves a
 * tombstone (wrapped_key NULL, destroyed_at set) so no new key can ever be made for an erased case.
 */
export class CaseKeys1764380000000 implements MigrationInterface {
  name = 'CaseKeys1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_keys (
        case_id text PRIMARY KEY,
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CONSTRAINT case_keys_live_or_destroyed CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      )`);
    await q.query(
      `ALTER TABLE cases ADD COLUMN erased_at timestamptz, ADD COLUMN erased_by_sub text, ADD COLUMN erasure_reason text`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN erasure_reason, DROP COLUMN erased_by_sub, DROP COLUMN erased_at`);
    await q.query(`DROP TABLE case_keys`);
  }
}
