import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agencies taking part in SOPs and the people of each agency with their roles. */
export class Agencies1764350000000 implements MigrationInterface {
  name = 'Agencies1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agencies (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,64}$'),
        name text NOT NULL,
        kind text NOT NULL,
        country text CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE memberships (
        agency_id text NOT NULL REFERENCES agencies (id),
        sub text NOT NULL,
        roles text[] NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (agency_id, sub)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE agencies`);
  }
}
