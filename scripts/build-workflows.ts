import { bundleWorkflows } from '@waymark/temporal';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Part of `npm run build`: bundles the workflows once so production workers load a prebuilt bundle instead of
 * running webpack at start. A workflow importing something non-deterministic fails here.
 */
async function main(): Promise<void> {
  const root = process.cwd();
  const out = resolve(root, process.argv[2] ?? 'dist/workflow-bundle.js');
  const started = Date.now();
  const code = await bundleWorkflows(root);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  process.stdout.write(
    `workflow bundle: ${out} (${(code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms)\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`workflow bundle failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
