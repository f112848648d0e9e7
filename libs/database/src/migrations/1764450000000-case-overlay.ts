import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case records the jurisdiction overlay it started under (its name and the file's digest) beside its SOP version,
 * so a reader knows which targets, intervals and option lists the case runs on (docs/jurisdiction-overlay.md).
 */
export class CaseOverlay1764450000000 implements MigrationInterface {
  name = 'CaseOverlay1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN overlay jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN overlay`);
  }
}
