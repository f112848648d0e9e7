import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1764400000000-app-role';

/**
 * The audit chain moves beside the log so that writing an entry no longer waits for every other writer: an entry is
 * inserted with a row in `audit_pending` (its own transaction's, no lock), and one chainer at a time (the API's or
 * the worker's, under an advisory lock) links pending entries into `audit_chain` in the order it finds them: `seq`,
 * the previous link's hash and this entry's hash. Both `audit_log` and `audit_chain` are append-only, for the
 * application's role by grants and for every role by trigger. The chain so far is carried over unchanged (seq = id).
 */
export class AuditChain1764480000000 implements MigrationInterface {
  name = 'AuditChain1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain (
        seq bigint PRIMARY KEY,
        audit_id bigint NOT NULL UNIQUE REFERENCES audit_log (id),
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(
      `INSERT INTO audit_chain (seq, audit_id, prev_hash, hash) SELECT id, id, prev_hash, hash FROM audit_log`,
    );
    await q.query(`CREATE TABLE audit_pending (audit_id bigint PRIMARY KEY REFERENCES audit_log (id))`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`);
    await q.query(`
      CREATE FUNCTION audit_chain_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_chain is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
        FOR EACH ROW EXECUTE FUNCTION audit_chain_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
        FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_refuse_change()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM PUBLIC`);
    await q.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          REVOKE UPDATE, DELETE, TRUNCATE ON audit_chain FROM ${APP_ROLE};
          REVOKE UPDATE, TRUNCATE ON audit_pending FROM ${APP_ROLE};
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_pending`);
    await q.query(`DROP TABLE audit_chain`);
    await q.query(`DROP FUNCTION audit_chain_refuse_change()`);
  }
}
