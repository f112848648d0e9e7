import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedFor } from './reachable';

describe('blockedFor', () => {
  it('names the directories above a path that other users cannot pass through, and only those', () => {
    const top = mkdtempSync(join(tmpdir(), 'waymark-reach-'));
    try {
      chmodSync(top, 0o755);
      const project = join(top, 'clone');
      mkdirSync(join(project, '.data'), { recursive: true });
      chmodSync(project, 0o700);
      chmodSync(join(project, '.data'), 0o755);
      expect(blockedFor([join(project, '.data', 'postgres'), join(project, 'dist', 'x')])).toEqual([project]);
      // The owner and the owning group pass by their own permission bits.
      const { uid, gid } = statSync(project);
      expect(blockedFor([join(project, '.data', 'postgres')], { uid, gids: [] })).toEqual([]);
      chmodSync(project, 0o750);
      expect(blockedFor([join(project, '.data', 'postgres')], { uid: uid + 1, gids: [gid] })).toEqual([]);
      expect(blockedFor([join(project, '.data', 'postgres')], { uid: uid + 1, gids: [gid + 1] })).toEqual([project]);
      chmodSync(project, 0o711);
      expect(blockedFor([join(project, '.data', 'postgres')])).toEqual([]);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});
