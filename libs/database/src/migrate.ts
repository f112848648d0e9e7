import { resolveConfig } from '@waymark/config';
import { runMigrations } from './data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const { databaseUrl } = resolveConfig();
  const applied = await runMigrations(databaseUrl);
  process.stdout.write(
    JSON.stringify({ level: 'info', service: 'migrate', msg: 'migrations applied', applied, count: applied.length }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
