import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A user as the kernel checks directory access: uid and every group id. */
export interface UserIds {
  uid: number;
  gids: readonly number[];
}

/** The ids of a local user, or undefined when there is no such user (yet). */
export function userIds(name: string): UserIds | undefined {
  try {
    const uid = Number(
      execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
    const gids = execFileSync('id', ['-G', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split(/\s+/)
      .map(Number);
    return Number.isInteger(uid) ? { uid, gids } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The directories above `paths` (not the paths themselves) that `who` cannot pass through (no search permission
 * for its owner, group or other class; a user not created yet is checked as "other"). Run as root, PostgreSQL runs
 * as the `postgres` user, which must pass through every directory above its binaries (in this project's
 * node_modules) and above its data directory.
 */
export function blockedFor(paths: readonly string[], who?: UserIds): string[] {
  const blocked = new Set<string>();
  for (const p of paths) {
    for (let dir = dirname(resolve(p)); ; dir = dirname(dir)) {
      if (existsSync(dir)) {
        const { mode, uid, gid } = statSync(dir);
        const bit = who && uid === who.uid ? 0o100 : who?.gids.includes(gid) ? 0o010 : 0o001;
        if ((mode & bit) === 0) blocked.add(dir);
      }
      if (dirname(dir) === dir) break;
    }
  }
  return [...blocked].sort();
}
