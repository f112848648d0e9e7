// Seeding for `npm run bench:timeliness`: a migrated, throwaway database filled with synthetic completed and open
// tasks and escalations, deterministic for a given seed.
import { dataSourceOptions, MIGRATIONS } from '@waymark/database';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TimelinessIndexes1764330000000 } from '../libs/database/src/migrations/1764330000000-timeliness-indexes';

/** Synthetic agencies and their share of tasks: one large agency (the worst case for its manager) and a small one. */
export const BENCH_AGENCIES = [
  { id: 'bench-a', share: 0.5 },
  { id: 'bench-b', share: 0.3 },
  { id: 'bench-c', share: 0.15 },
  { id: 'bench-d', share: 0.05 },
] as const;
export const BENCH_SOPS = ['venice-inspection', 'joint-operation', 'assisted-return', 'demo-handoff'] as const;
/** Four steps per case, with step targets in hours (1, 2, 7 and 3 days). */
export const BENCH_STEP_TARGET_HOURS = [24, 48, 168, 72] as const;

export interface SeedResult {
  completedTasks: number;
  openTasks: number;
  cases: number;
  escalations: number;
  seconds: number;
}

/**
 * All migrations plus the timeliness indexes, whether or not data-source.ts registers them yet (TypeORM skips a
 * migration already recorded by name).
 */
export async function migrateForTimeliness(url: string): Promise<void> {
  const migrations = MIGRATIONS.some((m) => m.name === TimelinessIndexes1764330000000.name)
    ? MIGRATIONS
    : [...MIGRATIONS, TimelinessIndexes1764330000000];
  const ds = new DataSource({ ...dataSourceOptions(url), migrations });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

/**
 * A fresh database on an existing server (CREATE DATABASE … / DROP DATABASE … WITH (FORCE)), so synthetic rows
 * never land in a database someone uses. The e2e smoke run uses it on the e2e server.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error('database name must be lower-case letters, digits and _');
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Seeds `completed` completed tasks (four steps per case, so completed / 4 cases), one open task per twenty completed
 * (some overdue), and escalations for about a third of the late tasks, all with `INSERT … SELECT generate_series`.
 * Deterministic for a given seed. Expects an empty, migrated database. Ends with VACUUM ANALYZE, as autovacuum would
 * have run on a live table: without it no plan can be index-only.
 */
export async function seedTimeliness(url: string, completed: number, seed = 0.42): Promise<SeedResult> {
  if (!Number.isInteger(completed) || completed < 4) throw new Error('completed must be a whole number of at least 4');
  const started = performance.now();
  const cases = Math.ceil(completed / 4);
  const open = Math.ceil(completed / 20);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const agencyCase = agencyPickSql('r_agency');
    await client.query('BEGIN');
    // random() is repeatable within the session after setseed.
    await client.query('SELECT setseed($1)', [seed]);
    // Cases spread over the 365 days ending 15 days ago, so every seeded task is finished before now.
    await client.query(
      `INSERT INTO cases (id, sop, sop_version, workflow_id, status, participants, participant_agencies, opened_by_agency,
                          opened_at, closed_at, age_band, gender, nationality)
       SELECT md5('bench-case-' || c)::uuid, ($2::text[])[1 + c % 4], 1, 'bench-case-' || c, 'completed', '{}'::jsonb,
              $3::text[], 'bench-a', now() - interval '380 days' + (c::float8 / $1) * interval '365 days', NULL,
              CASE WHEN random() < 0.2 THEN NULL ELSE (ARRAY['<18', '18-24', '25-34', '35-49', '50+'])[1 + floor(random() * 5)::int] END,
              CASE WHEN random() < 0.1 THEN NULL ELSE (ARRAY['female', 'male', 'non-binary'])[1 + floor(random() * 2.05)::int] END,
              CASE WHEN random() < 0.3 THEN NULL ELSE (ARRAY['NG', 'RO', 'CN', 'VN', 'BR', 'UA', 'AL', 'MA', 'TH', 'PY'])[1 + floor(random() * random() * 10)::int] END
       FROM generate_series(1, $1) c`,
      [cases, BENCH_SOPS, BENCH_AGENCIES.map((a) => a.id)],
    );
    // Durations run from 5% to 165% of the step target (about 77% on time); 70% of tasks are claimed first;
    // 5% wait on the person's own decision (pauses_agency_clock).
    await client.query(
      `INSERT INTO tasks (id, case_id, workflow_id, sop, step, title, agency_id, roles, status, opened_at, due_at,
                          target_ms, pauses_agency_clock, claimed_by, claimed_at, completed_by, completed_at)
       SELECT md5('bench-task-' || g.i)::uuid, k.id, k.workflow_id, k.sop, 'step-' || g.s, 'Benchmark step', ${agencyCase},
              ARRAY['caseworker'], 'completed', o.opened_at, o.opened_at + o.target, g.target_hours * 3600000,
              g.r_pause < 0.05, CASE WHEN g.r_claim < 0.7 THEN 'bench-user' END,
              CASE WHEN g.r_claim < 0.7 THEN o.opened_at + o.duration * g.r_claim_at END, 'bench-user', o.opened_at + o.duration
       FROM (
         SELECT i, i / 4 + 1 AS c, i % 4 + 1 AS s, ($2::int[])[i % 4 + 1] AS target_hours, random() AS r_agency,
                random() AS r_duration, random() AS r_claim, random() AS r_claim_at, random() AS r_pause
         FROM generate_series(0, $1 - 1) i
       ) g
       JOIN cases k ON k.id = md5('bench-case-' || g.c)::uuid
       CROSS JOIN LATERAL (
         SELECT k.opened_at + (g.s - 1) * interval '1 day' AS opened_at,
                g.target_hours * interval '1 hour' AS target,
                g.target_hours * (0.05 + 1.6 * g.r_duration * g.r_duration) * interval '1 hour' AS duration
       ) o`,
      [completed, [...BENCH_STEP_TARGET_HOURS]],
    );
    // Open tasks opened in the last ten days: those past their target are overdue now.
    await client.query(
      `INSERT INTO tasks (id, case_id, workflow_id, sop, step, title, agency_id, roles, status, opened_at, due_at, target_ms)
       SELECT md5('bench-open-' || g.i)::uuid, k.id, k.workflow_id, k.sop, 'step-' || g.s, 'Benchmark step', ${agencyCase},
              ARRAY['caseworker'], 'open', o.opened_at, o.opened_at + g.target_hours * interval '1 hour', g.target_hours * 3600000
       FROM (
         SELECT i, 1 + floor(random() * $2)::int AS c, i % 4 + 1 AS s, ($3::int[])[i % 4 + 1] AS target_hours,
                random() AS r_agency, random() AS r_opened
         FROM generate_series(1, $1) i
       ) g
       JOIN cases k ON k.id = md5('bench-case-' || g.c)::uuid
       CROSS JOIN LATERAL (SELECT now() - g.r_opened * interval '10 days' AS opened_at) o`,
      [open, cases, [...BENCH_STEP_TARGET_HOURS]],
    );
    const escalated = await client.query(
      `INSERT INTO escalations (id, case_id, task_id, sop, step, agency_id, supervisor_roles, due_at, escalated_at,
                                resolved_at, resolution)
       SELECT md5('bench-escalation-' || t.id)::uuid, t.case_id, t.id, t.sop, t.step, t.agency_id, ARRAY['supervisor'],
              t.due_at, t.due_at, t.completed_at, 'completed'
       FROM tasks t
       WHERE t.status = 'completed' AND t.completed_at > t.due_at AND NOT t.pauses_agency_clock AND random() < 0.3`,
    );
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) cases, tasks, escalations');
    return {
      completedTasks: completed,
      openTasks: open,
      cases,
      escalations: escalated.rowCount ?? 0,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** SQL picking an agency by its share from a uniform random column. */
function agencyPickSql(column: string): string {
  let cumulative = 0;
  const branches = BENCH_AGENCIES.slice(0, -1).map((a) => {
    cumulative += a.share;
    return `WHEN g.${column} < ${cumulative.toFixed(4)} THEN '${a.id}'`;
  });
  return `CASE ${branches.join(' ')} ELSE '${BENCH_AGENCIES[BENCH_AGENCIES.length - 1].id}' END`;
}
