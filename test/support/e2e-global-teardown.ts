import type { EmbeddedPostgresHandle, TemporalDevServerHandle } from '@waymark/devstack';
import { rmSync } from 'node:fs';

export default async function teardown(): Promise<void> {
  const handles = (globalThis as Record<string, unknown>).__WAYMARK_E2E__ as
    | { postgres: EmbeddedPostgresHandle; temporal: TemporalDevServerHandle }
    | undefined;
  await handles?.temporal.stop();
  await handles?.postgres.stop();
  const dir = process.env.WAYMARK_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
