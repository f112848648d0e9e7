import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { resolve } from 'node:path';

/** The failure converter module (compiled `.js` under dist, `.ts` under ts-jest) for bundles and workers. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * Temporal's bundler does not read tsconfig `paths`, so the aliases the workflows use are repeated here.
 * The workflows may import only `@temporalio/workflow` and the contracts.
 */
export function workflowBundleOptions(projectRoot: string): BundleOptions {
  return {
    workflowsPath: resolve(projectRoot, 'workflows/index.ts'),
    // Workflow and update failures leave the isolate with their message encoded (see failure-converter.ts).
    failureConverterPath: FAILURE_CONVERTER_PATH,
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = {
        ...(config.resolve.alias as Record<string, string> | undefined),
        '@waymark/contracts': resolve(projectRoot, 'libs/contracts/src'),
      };
      return config;
    },
  };
}

export async function bundleWorkflows(projectRoot: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(projectRoot), logger: undefined });
  return code;
}
