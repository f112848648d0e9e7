import { AuditLog } from '@waymark/audit';
import {
  beginFileRotation,
  endFileRotation,
  previousKeysFile,
  resolveMasterKeys,
  rewrapCaseKeys,
  type MasterKeys,
  type RewrapReport,
} from '@waymark/codec';
import { ConfigError, EMBEDDED_DB, ensureEmbeddedDbPassword, resolveConfig, type WaymarkConfig } from '@waymark/config';
import { withDataSource } from '@waymark/database';
import { assertPortsFree, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@waymark/devstack';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run rotate-master-key`: every case's data key rewrapped under a new master key (README, "Rotating the
 * master key"). The data keys, and so every Temporal payload, stay as they are; only their wrapping changes.
 *
 * - Embedded default (no DATABASE_URL; `npm start` stopped): writes a new `.data/master-key`, keeps the old one in
 *   `.data/master-key.previous` until the run ends, and starts the embedded PostgreSQL for the run. Interrupted, it
 *   leaves a state `npm start` runs with (both keys are read), and the next run finishes it.
 * - A deployment (DATABASE_URL): the processes already run with the new WAYMARK_MASTER_KEY and the old one in
 *   WAYMARK_PREVIOUS_MASTER_KEYS; this rewraps the stored keys, after which the old key can be dropped.
 *
 * Exit codes: 0 done, 1 some keys open under none of the given master keys, 2 bad configuration or state.
 */
const say = (msg: string) => process.stdout.write(`[rotate-master-key] ${msg}\n`);
const fail = (msg: string): never => {
  process.stderr.write(`[rotate-master-key] ${msg}\n`);
  process.exit(2);
};

async function embeddedKeys(config: WaymarkConfig): Promise<MasterKeys> {
  if (config.env.WAYMARK_MASTER_KEY) {
    fail(
      'WAYMARK_MASTER_KEY is set, so the key is configuration, not a file: put the new key in WAYMARK_MASTER_KEY and ' +
        'the old one in WAYMARK_PREVIOUS_MASTER_KEYS, then run this again.',
    );
  }
  try {
    await assertPortsFree([{ port: config.env.EMBEDDED_PG_PORT, variable: 'EMBEDDED_PG_PORT' }]);
  } catch {
    fail('PostgreSQL is running on EMBEDDED_PG_PORT: stop `npm start` first (its API and worker hold the old key).');
  }
  const file = config.masterKeyFile;
  if (existsSync(previousKeysFile(file))) {
    say(`finishing the rotation left unfinished (${previousKeysFile(file)} exists)`);
    return resolveMasterKeys(undefined, undefined, file);
  }
  if (!existsSync(file)) fail(`${file} does not exist: there is no key to rotate yet (run \`npm start\` once first).`);
  const keys = beginFileRotation(file);
  say(
    `new master key written to ${file}; the old one is kept in ${previousKeysFile(file)} until every data key is rewrapped`,
  );
  return keys;
}

function configuredKeys(config: WaymarkConfig): MasterKeys {
  const { env } = config;
  if (!env.WAYMARK_MASTER_KEY || !env.WAYMARK_PREVIOUS_MASTER_KEYS) {
    fail(
      'With DATABASE_URL set, rotate in three moves: (1) run the API and worker with the new key in WAYMARK_MASTER_KEY ' +
        'and the old one in WAYMARK_PREVIOUS_MASTER_KEYS; (2) run this with the same two variables; (3) remove ' +
        'WAYMARK_PREVIOUS_MASTER_KEYS and restart.',
    );
  }
  return resolveMasterKeys(env.WAYMARK_MASTER_KEY, env.WAYMARK_PREVIOUS_MASTER_KEYS, config.masterKeyFile);
}

async function main(): Promise<void> {
  let config: WaymarkConfig;
  try {
    config = resolveConfig();
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  const started = Date.now();
  const keys = config.embeddedPostgres ? await embeddedKeys(config) : configuredKeys(config);
  let postgres: EmbeddedPostgresHandle | undefined;
  let report: RewrapReport;
  try {
    let url = config.migrationDatabaseUrl ?? config.databaseUrl;
    if (config.embeddedPostgres) {
      postgres = await startEmbeddedPostgres({
        dataDir: join(config.dataDir, 'postgres'),
        port: config.env.EMBEDDED_PG_PORT,
        ...EMBEDDED_DB,
        password: ensureEmbeddedDbPassword(config.dataDir, join(config.dataDir, 'postgres')),
        persistent: true,
      });
      url = postgres.url;
    }
    report = await withDataSource(url!, async (ds) => {
      let lastPrinted = 0;
      const result = await rewrapCaseKeys((sql, params) => ds.query(sql, params), keys, {
        onProgress: (done, total) => {
          if (done === total || Date.now() - lastPrinted > 1000) {
            lastPrinted = Date.now();
            say(`checked ${done} of ${total} data keys`);
          }
        },
      });
      await new AuditLog(ds).append({
        action: 'master-key-rotated',
        actorSub: 'rotate-master-key',
        detail: {
          total: result.total,
          rewrapped: result.rewrapped,
          alreadyCurrent: result.alreadyCurrent,
          changedMeanwhile: result.changedMeanwhile,
          unreadable: result.unreadable.length,
        },
      });
      return result;
    });
  } finally {
    await postgres?.stop();
  }
  say(
    `${report.total} live data keys: ${report.rewrapped} rewrapped, ${report.alreadyCurrent} already under the new key, ` +
      `${report.changedMeanwhile} erased meanwhile, ${report.unreadable.length} unreadable (${Date.now() - started} ms)`,
  );
  if (report.unreadable.length > 0) {
    process.stderr.write(
      `[rotate-master-key] no given master key opens the data key of ${report.unreadable.length} case(s), e.g. ` +
        `${report.unreadable.slice(0, 5).join(', ')}: add the key they were wrapped under to the previous keys and run again. ` +
        'The old key is kept.\n',
    );
    process.exit(1);
  }
  if (config.embeddedPostgres) {
    endFileRotation(config.masterKeyFile);
    say(`done: ${previousKeysFile(config.masterKeyFile)} removed; \`npm start\` runs with the new key alone`);
  } else {
    say(
      'done: every data key is under WAYMARK_MASTER_KEY; remove WAYMARK_PREVIOUS_MASTER_KEYS and restart the API and worker',
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[rotate-master-key] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
