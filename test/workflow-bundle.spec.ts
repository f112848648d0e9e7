import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '@waymark/temporal';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const silent = new DefaultLogger('ERROR');

/** `npm run build` bundles the workflows the same way; a workflow that imports I/O must fail it. */
describe('workflow bundle', () => {
  it('bundles every registered workflow', async () => {
    const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(ROOT), logger: silent });
    expect(code).toContain('demoHandoffWorkflow');
  });

  it('fails on a workflow that imports a Node built-in', async () => {
    await expect(
      bundleWorkflowCode({
        ...workflowBundleOptions(ROOT),
        workflowsPath: resolve(ROOT, 'test/fixtures/bad-workflows/index.ts'),
        logger: silent,
      }),
    ).rejects.toThrow(/Webpack finished with errors/);
  });
});
