import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Requests that heal, and a worker that can be seen alive:
 * - `idempotency_keys.leased_until`: a request in progress holds its key only until then; a retry after it takes
 *   the key over (a request that died half-way no longer blocks its key forever).
 * - `idempotency_keys.resource_id`: what the request created (a case id), recorded before any side effect, so a
 *   retry continues with the same case and `GET /cases?idempotencyKey=` finds it.
 * - `worker_heartbeats`: each worker process writes a row every few seconds; `/health/ready` reads them.
 */
export class HealingRequests1764415000000 implements MigrationInterface {
  name = 'HealingRequests1764415000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN leased_until timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN resource_id text`);
    await q.query(`
      CREATE TABLE worker_heartbeats (
        worker_id text PRIMARY KEY,
        task_queue text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        beat_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX worker_heartbeats_queue ON worker_heartbeats (task_queue, beat_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeats`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN resource_id`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN leased_until`);
  }
}
