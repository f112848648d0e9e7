import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startTemporalDevServer,
  TEMPORAL_DEV_SERVER_IP,
  temporalDevServerArgs,
  TemporalExitedEarlyError,
} from './temporal-server';

/** The value after `flag`, or undefined when the flag is absent. */
const valueOf = (args: string[], flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);

describe('temporalDevServerArgs', () => {
  const base = { port: 7233, namespace: 'default', projectRoot: '/srv/waymark' };

  it('binds the frontend to loopback, headless without a UI port', () => {
    const args = temporalDevServerArgs(base);
    expect(TEMPORAL_DEV_SERVER_IP).toBe('127.0.0.1');
    expect(valueOf(args, '--ip')).toBe('127.0.0.1');
    expect(valueOf(args, '--port')).toBe('7233');
    expect(args).toContain('--headless');
    expect(args).not.toContain('--ui-port');
  });

  it('binds the Web UI to loopback too, whatever the CLI would default to', () => {
    const args = temporalDevServerArgs({ ...base, uiPort: 8233, uiCodecEndpoint: 'http://localhost:3000/codec' });
    expect(valueOf(args, '--ip')).toBe('127.0.0.1');
    expect(valueOf(args, '--ui-ip')).toBe('127.0.0.1');
    expect(valueOf(args, '--ui-port')).toBe('8233');
    expect(valueOf(args, '--ui-codec-endpoint')).toBe('http://localhost:3000/codec');
    expect(args).not.toContain('--headless');
    // No other bind address can sneak in.
    expect(args.filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a))).toEqual(['127.0.0.1', '127.0.0.1']);
  });
});

describe('startTemporalDevServer when the server exits before serving', () => {
  const saved = process.env.TEMPORAL_CLI_PATH;
  let dir: string;
  let attempts: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-temporal-stub-'));
    attempts = join(dir, 'attempts');
    // A stand-in for the CLI that fails as a taken port makes it fail, and counts how often it was started.
    const stub = join(dir, 'temporal');
    writeFileSync(stub, `#!/bin/sh\necho "$@" >> ${attempts}\necho "listen tcp: address already in use" >&2\nexit 1\n`);
    chmodSync(stub, 0o755);
    process.env.TEMPORAL_CLI_PATH = stub;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TEMPORAL_CLI_PATH;
    else process.env.TEMPORAL_CLI_PATH = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const started = () => readFileSync(attempts, 'utf8').trim().split('\n');

  it('tries fresh ports it chose itself, three times, then says what the server printed', async () => {
    const err = await startTemporalDevServer({ uiPort: 'free', namespace: 'default', projectRoot: dir }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemporalExitedEarlyError);
    expect((err as TemporalExitedEarlyError).code).toBe(1);
    expect((err as Error).message).toContain('address already in use');
    const runs = started();
    expect(runs).toHaveLength(3);
    // Each attempt on other ports than the one before.
    const ports = runs.map((r) => valueOf(r.split(' '), '--port'));
    expect(new Set(ports).size).toBe(3);
  });

  it('does not move a port the caller named', async () => {
    const err = await startTemporalDevServer({ port: 7299, namespace: 'default', projectRoot: dir }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemporalExitedEarlyError);
    expect(started()).toHaveLength(1);
    expect(valueOf(started()[0].split(' '), '--port')).toBe('7299');
  });
});
