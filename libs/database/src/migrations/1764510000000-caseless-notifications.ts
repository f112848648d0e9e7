import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notice that belongs to no case yet: a referral received from a partner abroad is news for the receiving agency
 * before anyone has accepted it and started a case (docs/referral-protocol.md). Its `detail` names the referral.
 */
export class CaselessNotifications1764510000000 implements MigrationInterface {
  name = 'CaselessNotifications1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE case_id IS NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN case_id SET NOT NULL`);
  }
}
