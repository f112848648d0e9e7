import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timeliness: reminders and escalations per task, in-app notifications with per-person read state, outbound
 * webhooks per agency with a delivery log (an outbox the worker drains), and the recorded demographics the
 * anonymised export counts (age band, gender, nationality; seed L3767-L3775).
 */
export class Timeliness1764320000000 implements MigrationInterface {
  name = 'Timeliness1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tasks
        ADD COLUMN target_ms bigint,
        ADD COLUMN pauses_agency_clock boolean NOT NULL DEFAULT false,
        ADD COLUMN reminded_at timestamptz,
        ADD COLUMN escalated_at timestamptz`);
    await q.query(`CREATE INDEX tasks_timeliness_idx ON tasks (sop, step, completed_at) WHERE status = 'completed'`);
    await q.query(`CREATE INDEX tasks_open_due_idx ON tasks (due_at) WHERE status = 'open'`);
    await q.query(`ALTER TABLE cases ADD COLUMN age_band text, ADD COLUMN gender text, ADD COLUMN nationality text`);
    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        task_id uuid NOT NULL REFERENCES tasks (id),
        sop text NOT NULL,
        step text NOT NULL,
        agency_id text NOT NULL,
        supervisor_roles text[] NOT NULL,
        due_at timestamptz NOT NULL,
        escalated_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolution text
      )`);
    await q.query(`CREATE UNIQUE INDEX escalations_task_due_idx ON escalations (task_id, due_at)`);
    await q.query(`CREATE INDEX escalations_sop_step_idx ON escalations (sop, step, escalated_at)`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        agency_id text NOT NULL,
        roles text[] NOT NULL,
        kind text NOT NULL,
        case_id uuid NOT NULL REFERENCES cases (id),
        task_id uuid,
        sop text NOT NULL,
        step text,
        created_at timestamptz NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX notifications_agency_idx ON notifications (agency_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications (id),
        sub text NOT NULL,
        read_at timestamptz NOT NULL,
        PRIMARY KEY (notification_id, sub)
      )`);
    await q.query(`
      CREATE TABLE agency_webhooks (
        id uuid PRIMARY KEY,
        agency_id text NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agency_webhooks_agency_idx ON agency_webhooks (agency_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES agency_webhooks (id),
        notification_id uuid NOT NULL REFERENCES notifications (id),
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_status_code int,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX webhook_deliveries_once_idx ON webhook_deliveries (webhook_id, notification_id)`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
        attempt int NOT NULL,
        at timestamptz NOT NULL,
        status_code int,
        error text,
        duration_ms int NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE agency_webhooks`);
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE escalations`);
    await q.query(`ALTER TABLE cases DROP COLUMN nationality, DROP COLUMN gender, DROP COLUMN age_band`);
    await q.query(`DROP INDEX tasks_open_due_idx`);
    await q.query(`DROP INDEX tasks_timeliness_idx`);
    await q.query(`
      ALTER TABLE tasks DROP COLUMN escalated_at, DROP COLUMN reminded_at,
        DROP COLUMN pauses_agency_clock, DROP COLUMN target_ms`);
  }
}
