import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A tamper-evident, append-only audit log (ARCHITECTURE "Access, consent, separation"): every read and write of case
 * data appends a row whose hash chains to the previous row's. The trigger refuses UPDATE, DELETE and TRUNCATE for
 * every role, the table's owner included (REVOKE alone does not bind the owner or a superuser); altering a row takes
 * a deliberate `ALTER TABLE audit_log DISABLE TRIGGER`, and the hash chain then shows it.
 */
export class AuditLog1764340000000 implements MigrationInterface {
  name = 'AuditLog1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_sub text,
        agency_id text,
        action text NOT NULL,
        case_id uuid,
        compartment text,
        request_id text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_case_idx ON audit_log (case_id, id) WHERE case_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_refuse_change()`);
  }
}
