import type { ExecutionContext } from '@nestjs/common';
import { loadEnv } from '@waymark/config';
import { throttlerOptions } from './rate-limit';

function ctx(method: string, path: string, sub?: string): ExecutionContext {
  const req = { method, path, ip: '10.0.0.1', socket: {}, ...(sub ? { actor: { sub } } : {}) };
  return { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
}

describe('throttlerOptions', () => {
  const options = throttlerOptions(
    loadEnv({ RATE_LIMIT_PER_IP: '7', RATE_LIMIT_PER_SUBJECT: '6', RATE_LIMIT_WRITES: '5', RATE_LIMIT_TOKEN: '4' }),
  );
  const throttlers = Array.isArray(options) ? options : options.throttlers;
  const byName = Object.fromEntries(throttlers.map((t) => [t.name, t]));

  it('takes every limit from the configuration', () => {
    expect(throttlers.map((t) => [t.name, t.limit, t.ttl])).toEqual([
      ['ip', 7, 60000],
      ['subject', 6, 60000],
      ['writes', 5, 60000],
      ['token', 4, 60000],
    ]);
  });

  it('applies each limit to its requests only', () => {
    const skip = (name: string, c: ExecutionContext) => Boolean(byName[name].skipIf?.(c));
    expect(skip('ip', ctx('GET', '/cases'))).toBe(false);
    expect(skip('subject', ctx('GET', '/cases'))).toBe(true);
    expect(skip('subject', ctx('GET', '/cases', 'u1'))).toBe(false);
    expect(skip('writes', ctx('GET', '/cases', 'u1'))).toBe(true);
    expect(skip('writes', ctx('POST', '/cases', 'u1'))).toBe(false);
    expect(skip('token', ctx('POST', '/cases'))).toBe(true);
    expect(skip('token', ctx('POST', '/auth/dev-token'))).toBe(false);
    expect(skip('token', ctx('POST', '/codec/session', 'u1'))).toBe(false);
  });

  it('counts per subject when there is one, else per IP, in one bucket across routes', async () => {
    const c = ctx('POST', '/cases', 'u1');
    const req = c.switchToHttp().getRequest<Record<string, unknown>>();
    expect(await byName.writes.getTracker!(req, c)).toBe('sub:u1');
    expect(await byName.ip.getTracker!(req, c)).toBe('ip:10.0.0.1');
    const anon = ctx('POST', '/auth/dev-token');
    expect(await byName.writes.getTracker!(anon.switchToHttp().getRequest(), anon)).toBe('ip:10.0.0.1');
    expect(byName.writes.generateKey!(c, 'sub:u1', 'writes')).toBe(
      byName.writes.generateKey!(anon, 'sub:u1', 'writes'),
    );
  });
});
