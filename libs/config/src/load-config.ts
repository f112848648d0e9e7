import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { resolve } from 'node:path';
import { EMBEDDED_DB, readEmbeddedDbPassword } from './embedded-db';
import { Env } from './env';

// Reading and checking the environment (`Env`, env.ts) into the configuration the processes share.

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment, listing every bad variable at once. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new Env());
  const picked: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'WAYMARK_APP_DB_PASSWORD',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_CLI_PATH',
    'WORKER_METRICS_PORT',
    'WORKER_METRICS_URL',
    'TIMELINESS_FILE',
    'SOP_OVERLAY_FILE',
    'OIDC_ISSUER',
    'OIDC_JWKS_URL',
    'WORKER_MAX_CACHED_WORKFLOWS',
    'WAYMARK_MASTER_KEY',
    'WAYMARK_PREVIOUS_MASTER_KEYS',
    'TEMPORAL_UI_ORIGIN',
    'WEB_DIST_DIR',
    'TEMPORAL_TLS_CERT',
    'TEMPORAL_TLS_KEY',
    'TEMPORAL_TLS_CA',
    'TEMPORAL_TLS_SERVER_NAME',
    'METRICS_TOKEN',
  ]) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(Env, picked);
  const errors = validateSync(env, { whitelist: false });
  const problems = [
    ...errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`)),
    ...productionProblems(env),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}

/**
 * What production (NODE_ENV=production) refuses to start without. Local token issuing exists only in
 * development: without an OIDC issuer anyone could mint any role, so production names its issuer.
 */
export function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!env.OIDC_ISSUER) {
    problems.push(
      'OIDC_ISSUER: required when NODE_ENV=production (local dev tokens are development-only; name the identity provider)',
    );
  }
  return problems;
}

/** Resolved runtime settings derived from the environment. */
export interface WaymarkConfig {
  env: Env;
  dataDir: string;
  databaseUrl: string;
  /** Where migrations run: MIGRATION_DATABASE_URL, else the same as `databaseUrl`. */
  migrationDatabaseUrl: string;
  temporalAddress: string;
  embeddedPostgres: boolean;
  embeddedTemporal: boolean;
  signingKeyFile: string;
  /** The embedded default's master key file, used when WAYMARK_MASTER_KEY is unset. */
  masterKeyFile: string;
  /** Origins of the Temporal Web UI allowed to call the codec endpoint. */
  codecCorsOrigins: string[];
  workflowBundlePath: string;
}

export function resolveConfig(env: Env = loadEnv()): WaymarkConfig {
  const dataDir = resolve(env.WAYMARK_DATA_DIR);
  const databaseUrl =
    env.DATABASE_URL ??
    `postgres://${EMBEDDED_DB.user}:${encodeURIComponent(readEmbeddedDbPassword(dataDir))}@127.0.0.1:${env.EMBEDDED_PG_PORT}/${EMBEDDED_DB.database}`;
  return {
    env,
    dataDir,
    databaseUrl,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL ?? databaseUrl,
    temporalAddress: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT}`,
    embeddedPostgres: env.DATABASE_URL === undefined,
    embeddedTemporal: env.TEMPORAL_ADDRESS === undefined,
    signingKeyFile: resolve(dataDir, 'jwt-signing-key.json'),
    masterKeyFile: resolve(dataDir, 'master-key'),
    codecCorsOrigins: env.TEMPORAL_UI_ORIGIN
      ? env.TEMPORAL_UI_ORIGIN.split(',').map((o) => o.trim())
      : [`http://localhost:${env.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`],
    workflowBundlePath: resolve(env.WORKFLOW_BUNDLE_PATH),
  };
}
