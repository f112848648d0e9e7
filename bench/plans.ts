import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

/**
 * The access paths PostgreSQL takes for the first page of one agency's inbox (`GET /tasks`) and case list
 * (`GET /cases?status=open`), as EXPLAIN ANALYZE reports them after the scale phase. The statements are those the API
 * builds (apps/api/src/tasks/tasks.service.ts, apps/api/src/cases/cases.service.ts), written out here.
 */
export async function explainListings(databaseUrl: string, agencyId: string, roles: string[]) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('ANALYZE tasks; ANALYZE cases');
    const explain = async (sql: string, params: unknown[]) => {
      const rows = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
      return rows.rows.map((r) => r['QUERY PLAN']);
    };
    const tasks = await explain(
      `SELECT t.* FROM tasks t WHERE t.agency_id = $1 AND t.roles && $2::text[]
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.case_id AND c.erased_at IS NOT NULL)
         AND t.status = 'open' ORDER BY t.due_at ASC NULLS LAST, t.opened_at ASC LIMIT 50 OFFSET 0`,
      [agencyId, roles],
    );
    const cases = await explain(
      `SELECT c.* FROM cases c WHERE c.participant_agencies @> ARRAY[$1]::text[] AND c.status = 'open'
         ORDER BY c.opened_at DESC, c.id ASC LIMIT 50 OFFSET 0`,
      [agencyId],
    );
    return { tasks, cases };
  } finally {
    await client.end();
  }
}

/**
 * Waits until the burst of case creations has settled as a running system settles on its own: every created case's
 * first task (opened since `since`) is in the agency's inbox, the audit chainer has linked every entry written by `createdBy` (it runs beside
 * the API and the worker), and the planner's statistics count the new rows (autovacuum's ANALYZE, done now instead of whenever its
 * threshold is next checked). The inbox and case-list figures then say what a user at that scale sees, not what
 * they see while 10,000 creations are still being chained. Returns the seconds it waited.
 */
export async function settleAfterCreations(
  databaseUrl: string,
  agencyId: string,
  openTasks: number,
  since: Date,
  createdBy: Date,
): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const t0 = performance.now();
  try {
    const deadline = Date.now() + Math.max(600_000, openTasks * 20);
    for (;;) {
      const { rows } = await client.query<{ tasks: string; pending: string }>(
        `SELECT (SELECT count(*) FROM tasks WHERE agency_id = $1 AND status = 'open' AND opened_at >= $2) AS tasks,
                (SELECT count(*) FROM audit_pending p JOIN audit_log l ON l.id = p.audit_id WHERE l.at <= $3) AS pending`,
        [agencyId, since, createdBy],
      );
      if (Number(rows[0].tasks) >= openTasks && Number(rows[0].pending) === 0) break;
      if (Date.now() > deadline)
        throw new Error(
          `not settled: ${rows[0].tasks} of ${openTasks} tasks open, ${rows[0].pending} audit entries unlinked`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
    await client.query('ANALYZE tasks; ANALYZE cases');
    return Math.round((performance.now() - t0) / 100) / 10;
  } finally {
    await client.end();
  }
}
