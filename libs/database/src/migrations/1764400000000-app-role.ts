import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the API and worker log in as (see app-role.ts). Not the owner of any table. */
export const APP_ROLE = 'waymark_app';

/**
 * A non-owner role for the running application: it reads and writes rows but owns nothing, so it cannot alter the
 * schema, drop the audit trigger, or update, delete or truncate audit rows (REVOKE below; the trigger of migration
 * 1764340000000 also refuses them for every role). Migrations run as the owner. Creating the role needs CREATEROLE;
 * where the migrating user lacks it, a database administrator creates `waymark_app` first and this grants to it.
 */
export class AppRole1764400000000 implements MigrationInterface {
  name = 'AppRole1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    // Tables of later migrations get the same grants (migrations run as the same owner).
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
    // Append-only: the application may add audit rows and read them, nothing else.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}`);
    // The schema's history is the migrator's business.
    await q.query(`REVOKE ALL ON schema_migrations FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
