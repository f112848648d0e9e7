import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockedForOthers } from './reachable';

describe('blockedForOthers', () => {
  it('names the directories above a path that other users cannot pass through, and only those', () => {
    const top = mkdtempSync(join(tmpdir(), 'waymark-reach-'));
    try {
      chmodSync(top, 0o755);
      const project = join(top, 'clone');
      mkdirSync(join(project, '.data'), { recursive: true });
      chmodSync(project, 0o700);
      chmodSync(join(project, '.data'), 0o755);
      expect(blockedForOthers([join(project, '.data', 'postgres'), join(project, 'dist', 'x')])).toEqual([project]);
      chmodSync(project, 0o711);
      expect(blockedForOthers([join(project, '.data', 'postgres')])).toEqual([]);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});
