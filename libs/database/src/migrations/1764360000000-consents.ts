import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent records of a case: purpose, the data scopes it covers, its form and who gave it; withdrawal is recorded
 * on the same row. Grounded in the seed: verbal or written consent to exchange data with the team organising the
 * return (L6242–L6245), data shared only with the stakeholders concerned and the form of exploitation kept back on
 * request (L6244–L6245), information exchanged among organisations upon the victim's consent (L7223–L7225), no
 * personal data passed on unless the person requires it and only upon consent (L7399–L7401).
 */
export class Consents1764360000000 implements MigrationInterface {
  name = 'Consents1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        purpose text NOT NULL CHECK (purpose IN ('assistance', 'sharing', 'return', 'prosecution')),
        shared_with_agency text CHECK (shared_with_agency IS NULL OR shared_with_agency ~ '^[a-z0-9-]{1,64}$'),
        scope text[] NOT NULL CHECK (cardinality(scope) > 0),
        form text NOT NULL CHECK (form IN ('verbal', 'written')),
        given_by text NOT NULL CHECK (given_by IN ('person', 'guardian', 'responsible-authority')),
        recorded_by_sub text NOT NULL,
        recorded_by_agency text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by_sub text,
        withdrawal_reason text,
        CONSTRAINT consents_sharing_names_agency CHECK (purpose <> 'sharing' OR shared_with_agency IS NOT NULL),
        CONSTRAINT consents_withdrawal_complete CHECK (
          (withdrawn_at IS NULL AND withdrawn_by_sub IS NULL AND withdrawal_reason IS NULL)
          OR (withdrawn_at IS NOT NULL AND withdrawn_by_sub IS NOT NULL AND withdrawal_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX consents_case_idx ON consents (case_id, recorded_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consents`);
  }
}
