import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Starts one real PostgreSQL and one real Temporal dev server for the e2e run, both ephemeral. Each test file then
 * runs its own API and worker processes against them (see stack.ts). Handles are kept on globalThis for teardown,
 * which jest runs in this same process.
 */
export default async function setup(): Promise<void> {
  const root = resolve(__dirname, '../..');
  if (!existsSync(join(root, 'dist/apps/api/src/main.js')) || !existsSync(join(root, 'dist/workflow-bundle.js'))) {
    throw new Error('The e2e tests run the built API and worker: run `npm run build` first (npm test does).');
  }
  // Global setup runs outside jest's module mapper, so it loads the built libraries (aliases already resolved).
  const { adminSecretFile, loadOrCreateAdminSecret, loadOrCreateSigningKey } = require(
    join(root, 'dist/libs/auth/src'),
  ) as typeof import('@waymark/auth');
  const { provisionAppRole, runMigrations, withDataSource } = require(
    join(root, 'dist/libs/database/src'),
  ) as typeof import('@waymark/database');
  const { startThrowawayPostgres, startTemporalDevServer } = require(
    join(root, 'dist/libs/devstack/src'),
  ) as typeof import('@waymark/devstack');
  // Stacks append to their logs; the teardown's canary scan must see this run's lines only.
  const artifacts = join(root, 'test-artifacts');
  if (existsSync(artifacts))
    for (const f of readdirSync(artifacts).filter((n) => n.endsWith('.log')))
      rmSync(join(artifacts, f), { force: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'waymark-e2e-'));
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
  chmodSync(dataDir, 0o755);
  const started = Date.now();
  const [postgres, temporal] = await Promise.all([
    startThrowawayPostgres(dataDir, 'waymark-e2e'),
    startTemporalDevServer({ namespace: 'default', projectRoot: root }),
  ]);
  await runMigrations(postgres.url);
  // As the embedded default does: the SOPs' example agencies exist.
  const { seedDefaultAgencies } = require(join(root, 'dist/libs/agencies/src')) as typeof import('@waymark/agencies');
  const { SOPS } = require(join(root, 'dist/workflows/sops')) as typeof import('@waymark/workflows/sops');
  await withDataSource(postgres.url, (ds) => seedDefaultAgencies(ds, SOPS));
  await loadOrCreateSigningKey(join(dataDir, 'jwt-signing-key.json'));
  // The local admin secret dev-token wants for the staff and platform roles (as `npm start` generates it).
  process.env.WAYMARK_E2E_ADMIN_SECRET = loadOrCreateAdminSecret(adminSecretFile(dataDir)).secret;
  const { loadOrCreateMasterKey } = require(
    join(root, 'dist/libs/codec/src/master-key'),
  ) as typeof import('@waymark/codec');
  loadOrCreateMasterKey(join(dataDir, 'master-key'));
  // As npm start does: the API and worker under test log in as the non-owner role; tests that need the owner (to
  // tamper with the audit log as a superuser would) use WAYMARK_E2E_OWNER_DATABASE_URL.
  process.env.WAYMARK_E2E_DATABASE_URL = await provisionAppRole(postgres.url);
  process.env.WAYMARK_E2E_OWNER_DATABASE_URL = postgres.url;
  process.env.WAYMARK_E2E_TEMPORAL_ADDRESS = temporal.address;
  process.env.WAYMARK_E2E_DATA_DIR = dataDir;
  (globalThis as Record<string, unknown>).__WAYMARK_E2E__ = { postgres, temporal, startedAt: started };
  process.stdout.write(
    `\n[e2e] PostgreSQL ${postgres.url.replace(/:[^:@]*@/, ':***@')} and Temporal ${temporal.address} (${temporal.source}) ready in ${Date.now() - started} ms\n`,
  );
}
