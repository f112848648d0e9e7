import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sharing consent may name a kind of agency (every origin NGO of the case) instead of one agency, and may run until
 * a date (after which it is no longer active, as if withdrawn). Seed: data shared only with the stakeholders
 * concerned (L6243-L6245); consent as the person gives it, for the purpose and the time they agree to (L7399-L7401).
 */
export class ConsentRecipients1764495000000 implements MigrationInterface {
  name = 'ConsentRecipients1764495000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consents ADD COLUMN shared_with_kind text, ADD COLUMN valid_until timestamptz`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_sharing_names_agency`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_sharing_names_recipient
      CHECK (purpose <> 'sharing' OR shared_with_agency IS NOT NULL OR shared_with_kind IS NOT NULL)`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_one_recipient
      CHECK (shared_with_agency IS NULL OR shared_with_kind IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_one_recipient`);
    await q.query(`ALTER TABLE consents DROP CONSTRAINT consents_sharing_names_recipient`);
    await q.query(`DELETE FROM consents WHERE purpose = 'sharing' AND shared_with_agency IS NULL`);
    await q.query(`ALTER TABLE consents ADD CONSTRAINT consents_sharing_names_agency
      CHECK (purpose <> 'sharing' OR shared_with_agency IS NOT NULL)`);
    await q.query(`ALTER TABLE consents DROP COLUMN shared_with_kind, DROP COLUMN valid_until`);
  }
}
