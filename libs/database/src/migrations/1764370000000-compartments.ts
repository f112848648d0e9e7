import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case data by compartment (libs/contracts compartments.contract.ts): intake values at case start, task form values,
 * event data and case notes, each row in one compartment so the API returns only what the access policy lets the
 * caller read. `event_key` makes writes idempotent under activity retries. `data` is the only column with personal
 * data (erasure clears it); `subject` is a person code (W1, P1), never a name.
 */
export class Compartments1764370000000 implements MigrationInterface {
  name = 'Compartments1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_records (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        compartment text NOT NULL CHECK (compartment IN ('intake', 'identity', 'inspection', 'protection', 'return')),
        step text,
        subject text,
        source text NOT NULL CHECK (source IN ('intake', 'task', 'event', 'note')),
        agency_id text NOT NULL,
        actor_sub text NOT NULL,
        recorded_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        event_key text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX case_records_case_idx ON case_records (case_id, compartment, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_records`);
  }
}
