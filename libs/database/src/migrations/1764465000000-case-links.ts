import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links between cases: a follow-on case a step started for a person (an assisted return after a joint operation),
 * or a link set by hand (same operation, same family). A link holds two case ids, the relation and who made it;
 * nothing about the person. One link per pair of cases and relation, whichever way round it was made.
 */
export class CaseLinks1764465000000 implements MigrationInterface {
  name = 'CaseLinks1764465000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_links (
        id bigserial PRIMARY KEY,
        from_case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        to_case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        relation text NOT NULL CHECK (relation IN ('follow-on', 'same-operation', 'same-family')),
        step text,
        subject text,
        agency_id text,
        actor_sub text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_case_id <> to_case_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_links_pair ON case_links
         (LEAST(from_case_id, to_case_id), GREATEST(from_case_id, to_case_id), relation)`,
    );
    await q.query(`CREATE INDEX case_links_from ON case_links (from_case_id)`);
    await q.query(`CREATE INDEX case_links_to ON case_links (to_case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_links`);
  }
}
