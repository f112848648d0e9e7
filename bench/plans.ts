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

/** When (`performance.now()`) every case's first task was in the inbox, and when the burst had settled. */
export interface Settled {
  allFirstTasksAt: number;
  settledAt: number;
}

/**
 * Follows a burst of case creations until it has settled as a running system settles on its own: first until every
 * created case's first task (opened since `since`) is in the agency's inbox (the moment the cases are created, as a
 * user sees it: the worker writes them in its own order, not the order they were started), then until the audit
 * chainer (it runs beside the API and the worker) has linked every entry written by then, and the planner's
 * statistics count the new rows (autovacuum's ANALYZE, done now instead of whenever its threshold is next checked).
 * The inbox and case-list figures then say what a user at that scale sees, not what they see while the creations
 * are still being written and chained. Logs its progress every 10 s.
 */
export async function settleAfterCreations(
  databaseUrl: string,
  agencyId: string,
  openTasks: number,
  since: Date,
  log: (line: string) => void = () => {},
): Promise<Settled> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The worker writes first tasks at 10 to 40 a second on two cores, fewer while the starts still go on: 60 ms a case
    // leaves room (100 minutes for 100,000) without letting a stalled worker hang the bench for ever.
    const deadline = Date.now() + Math.max(600_000, openTasks * 60);
    let lastLog = performance.now();
    const poll = async (what: string, sql: string, params: unknown[], done: (n: number) => boolean) => {
      for (;;) {
        const { rows } = await client.query<{ n: string }>(sql, params);
        const n = Number(rows[0].n);
        if (done(n)) return;
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`settling: ${what} ${n}`);
        }
        if (Date.now() > deadline) throw new Error(`not settled: ${what} ${n}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    await poll(
      `first tasks in the inbox (of ${openTasks}):`,
      `SELECT count(*) AS n FROM tasks WHERE agency_id = $1 AND status = 'open' AND opened_at >= $2`,
      [agencyId, since],
      (n) => n >= openTasks,
    );
    const allFirstTasksAt = performance.now();
    await poll(
      'audit entries still to link:',
      'SELECT count(*) AS n FROM audit_pending p JOIN audit_log l ON l.id = p.audit_id WHERE l.at <= $1',
      [new Date()],
      (n) => n === 0,
    );
    await client.query('ANALYZE tasks; ANALYZE cases');
    return { allFirstTasksAt, settledAt: performance.now() };
  } finally {
    await client.end();
  }
}
