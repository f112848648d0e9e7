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
