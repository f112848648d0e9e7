import { DefaultLogger, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowBundleOptions } from '@waymark/temporal';
import { SOPS } from '@waymark/workflows/sops';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadHistory, sharedWorkflowBundle } from '../support/workflow-env';

const ROOT = resolve(__dirname, '../..');
const HISTORIES = join(__dirname, 'histories');
const files = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();

/**
 * Every recorded history (one or more per SOP branch, recorded by the workflow tests with RECORD_HISTORIES=1) must
 * replay against today's workflow code. A change that would break running cases fails here, before it ships;
 * make such changes with `patched()` (docs/sop-versioning.md).
 */
describe('replay of recorded histories', () => {
  it('has histories for every SOP', () => {
    const sops = new Set(files.map((f) => f.replace(/-[^-]+\.json$/, '')));
    // Every registered SOP, so a new SOP cannot ship without a recorded history (docs/adding-an-sop.md).
    for (const sop of SOPS.map((s) => s.id)) {
      expect({ sop, recorded: [...sops].some((s) => s.startsWith(sop)) }).toEqual({ sop, recorded: true });
    }
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const { workflowId, history } = await loadHistory(join(HISTORIES, file));
    await expect(
      Worker.runReplayHistory({ workflowBundle: await sharedWorkflowBundle(), replayName: file }, history, workflowId),
    ).resolves.toBeUndefined();
  });

  it('catches an incompatible change to a workflow', async () => {
    const bundle = await bundleWorkflowCode({
      ...workflowBundleOptions(ROOT),
      workflowsPath: resolve(ROOT, 'test/fixtures/incompatible-workflows/index.ts'),
      logger: new DefaultLogger('ERROR'),
    });
    const { workflowId, history } = await loadHistory(join(HISTORIES, 'demo-handoff-main.json'));
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'incompatible' }, history, workflowId),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
