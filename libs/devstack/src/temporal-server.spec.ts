import { TEMPORAL_DEV_SERVER_IP, temporalDevServerArgs } from './temporal-server';

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
