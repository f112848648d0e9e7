import { resolveConfig } from '@waymark/config';
import { provisionAppRole } from './app-role';
import { runMigrations } from './data-source';

/** `npm run migrate`: applies pending migrations as MIGRATION_DATABASE_URL (or DATABASE_URL, or the embedded database). */
async function main(): Promise<void> {
  const { migrationDatabaseUrl, env } = resolveConfig();
  const applied = await runMigrations(migrationDatabaseUrl);
  // Where the deployment names the app role's password (docker-compose.yml does), the role may log in with it.
  if (env.WAYMARK_APP_DB_PASSWORD) await provisionAppRole(migrationDatabaseUrl, env.WAYMARK_APP_DB_PASSWORD);
  process.stdout.write(
    JSON.stringify({ level: 'info', service: 'migrate', msg: 'migrations applied', applied, count: applied.length }) +
      '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
