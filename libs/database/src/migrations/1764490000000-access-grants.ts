import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Break-glass grants: an agency taking part in a case that needs data it cannot see (a person in imminent danger)
 * opens a time-limited grant with a reason. While it runs, the agency reads as if the person had consented to
 * share every scope with it (never what its kind may not read at all). Each grant is audited, shown to the case's
 * lead at once and listed in the person's access report. The reason is kept for the lead and the data-protection
 * officer; it is never logged.
 */
export class AccessGrants1764490000000 implements MigrationInterface {
  name = 'AccessGrants1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_grants (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        agency_id text NOT NULL,
        actor_sub text NOT NULL,
        reason text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by_sub text,
        CHECK (expires_at > granted_at)
      )`);
    await q.query(`CREATE INDEX access_grants_case ON access_grants (case_id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_grants`);
  }
}
