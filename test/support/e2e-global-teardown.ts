import type { EmbeddedPostgresHandle, TemporalDevServerHandle } from '@waymark/devstack';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
// Not ./canary: jest's module mapper does not apply to global setup and teardown.
import { CANARY_MARK } from './canary-mark';

/**
 * Every API and worker log of this run (test-artifacts/*.log, written by the stacks of all e2e files) must be free
 * of the canary name the SOP walks and the canary suite type into every free-text field (seed rule: nothing about a
 * person in logs). Throwing here fails the run.
 */
function scanLogsForCanary(since: number): void {
  const dir = resolve(__dirname, '../../test-artifacts');
  if (!existsSync(dir)) return;
  const leaks: string[] = [];
  let scanned = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.log'))) {
    const file = join(dir, name);
    if (statSync(file).mtimeMs < since) continue;
    scanned += 1;
    const lines = readFileSync(file, 'utf8').split('\n');
    const hit = lines.findIndex((l) => l.includes(CANARY_MARK));
    if (hit >= 0) leaks.push(`${name}:${hit + 1}`);
  }
  if (leaks.length > 0) throw new Error(`personal data (the canary name) reached the logs at ${leaks.join(', ')}`);
  process.stdout.write(`[e2e] canary scan: ${scanned} log files of this run, no personal data found\n`);
}

export default async function teardown(): Promise<void> {
  const handles = (globalThis as Record<string, unknown>).__WAYMARK_E2E__ as
    { postgres: EmbeddedPostgresHandle; temporal: TemporalDevServerHandle; startedAt?: number } | undefined;
  await handles?.temporal.stop();
  await handles?.postgres.stop();
  const dir = process.env.WAYMARK_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (handles?.startedAt) scanLogsForCanary(handles.startedAt);
}
