import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes in the order the inbox and the case list read (docs/benchmarks.md, EXPLAIN plans). `GET /tasks` filters one
 * agency's open tasks and orders them by `due_at NULLS LAST, opened_at`: with `opened_at` in the key the first page
 * is read from the index in order and the scan stops at the page's end, where before every task with the same due
 * date (all those without one) was sorted on each request. `GET /cases` orders by `opened_at DESC, id`: the same.
 * Both listings leave out erased cases with an anti-join on `cases.erased_at IS NOT NULL`: a partial index holds only
 * those (few) rows, where the join read the whole table on each request.
 */
export class InboxOrderIndexes1764420000000 implements MigrationInterface {
  name = 'InboxOrderIndexes1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tasks_inbox_order_idx ON tasks (agency_id, status, due_at, opened_at)`);
    await q.query(`DROP INDEX tasks_inbox_idx`);
    await q.query(`CREATE INDEX cases_opened_order_idx ON cases (opened_at DESC, id)`);
    await q.query(`DROP INDEX cases_opened_at_idx`);
    await q.query(`CREATE INDEX cases_erased_idx ON cases (id) WHERE erased_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_erased_idx`);
    await q.query(`CREATE INDEX cases_opened_at_idx ON cases (opened_at DESC)`);
    await q.query(`DROP INDEX cases_opened_order_idx`);
    await q.query(`CREATE INDEX tasks_inbox_idx ON tasks (agency_id, status, due_at)`);
    await q.query(`DROP INDEX tasks_inbox_order_idx`);
  }
}
