import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The directories above `paths` (not the paths themselves) that other users cannot pass through (no `o+x`). Run as
 * root, PostgreSQL runs as the `postgres` user, which must pass through every directory above its binaries (in
 * this project's node_modules) and above its data directory.
 */
export function blockedForOthers(paths: readonly string[]): string[] {
  const blocked = new Set<string>();
  for (const p of paths) {
    for (let dir = dirname(resolve(p)); ; dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) blocked.add(dir);
      if (dirname(dir) === dir) break;
    }
  }
  return [...blocked].sort();
}
