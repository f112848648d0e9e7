import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        sop text NOT NULL,
        sop_version int NOT NULL,
        workflow_id text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        end_state text,
        participants jsonb NOT NULL,
        participant_agencies text[] NOT NULL,
        opened_by_agency text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX cases_participant_agencies_idx ON cases USING gin (participant_agencies)`);
    await q.query(`CREATE INDEX cases_opened_at_idx ON cases (opened_at DESC)`);
    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        sop text NOT NULL,
        step text NOT NULL,
        title text NOT NULL,
        agency_id text NOT NULL,
        roles text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        opened_at timestamptz NOT NULL,
        due_at timestamptz,
        completed_by text,
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX tasks_inbox_idx ON tasks (agency_id, status, due_at)`);
    await q.query(`CREATE INDEX tasks_case_idx ON tasks (case_id)`);
    await q.query(`
      CREATE TABLE case_timeline (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        event_key text NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        kind text NOT NULL,
        step text,
        agency_id text,
        actor_sub text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX case_timeline_case_idx ON case_timeline (case_id, id)`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        agency_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE case_timeline`);
    await q.query(`DROP TABLE tasks`);
    await q.query(`DROP TABLE cases`);
  }
}
