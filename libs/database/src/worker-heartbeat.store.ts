import type { SqlRunner } from './sql-runner';

/**
 * `worker_heartbeats`: each worker process upserts its row every few seconds while its Temporal Worker runs, and
 * deletes it on a clean shutdown; the API's `/health/ready` asks whether a recent beat exists for its task queue.
 */
export class WorkerHeartbeatStore {
  constructor(private readonly query: SqlRunner) {}

  async beat(workerId: string, taskQueue: string): Promise<void> {
    await this.query(
      `INSERT INTO worker_heartbeats (worker_id, task_queue) VALUES ($1, $2)
       ON CONFLICT (worker_id) DO UPDATE SET beat_at = now(), task_queue = EXCLUDED.task_queue`,
      [workerId, taskQueue],
    );
  }

  async remove(workerId: string): Promise<void> {
    await this.query('DELETE FROM worker_heartbeats WHERE worker_id = $1', [workerId]);
  }

  /** Workers of `taskQueue` that beat within `withinMs`; rows older than an hour are pruned on the way. */
  async liveWorkers(taskQueue: string, withinMs: number): Promise<number> {
    await this.query(`DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 hour'`, []);
    const rows = (await this.query(
      `SELECT count(*)::int AS n FROM worker_heartbeats
       WHERE task_queue = $1 AND beat_at > now() - make_interval(secs => $2::double precision / 1000)`,
      [taskQueue, withinMs],
    )) as { n: number }[];
    return rows[0]?.n ?? 0;
  }
}
