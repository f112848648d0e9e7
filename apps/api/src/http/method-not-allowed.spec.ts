import type { NextFunction, Request, Response } from 'express';
import { methodNotAllowed, pathTable } from './method-not-allowed';

const paths = {
  '/cases': { get: {}, post: {} },
  '/cases/{id}': { get: {} },
  '/cases/{id}/cancel': { post: {} },
  '/health': { get: {} },
};

function run(method: string, path: string) {
  const headers: Record<string, string> = {};
  let status: number | undefined;
  let body: unknown;
  const res = {
    headersSent: false,
    setHeader: (k: string, v: string) => (headers[k] = v),
    status: (s: number) => ((status = s), res),
    json: (b: unknown) => (body = b),
  } as unknown as Response;
  let passed = false;
  methodNotAllowed(() => paths)({ method, path } as Request, res, (() => (passed = true)) as NextFunction);
  return { passed, status, headers, body };
}

describe('405 for a method a known path does not serve', () => {
  it('matches path templates segment by segment', () => {
    const [, one] = pathTable(paths);
    expect(one.pattern.test('/cases/7d3c')).toBe(true);
    expect(one.pattern.test('/cases/7d3c/cancel')).toBe(false);
  });

  it('answers 405 with Allow naming the methods the path serves, in the error body shape', () => {
    const r = run('DELETE', '/cases');
    expect(r.passed).toBe(false);
    expect(r.status).toBe(405);
    expect(r.headers.Allow).toBe('GET, POST');
    expect(r.body).toMatchObject({ statusCode: 405, error: 'method_not_allowed' });
    expect(run('TRACE', '/health')).toMatchObject({ status: 405, headers: { Allow: 'GET' } });
  });

  it('passes served methods, HEAD, OPTIONS and paths the API does not declare', () => {
    expect(run('POST', '/cases/abc/cancel').passed).toBe(true);
    expect(run('GET', '/cases/abc').passed).toBe(true);
    expect(run('HEAD', '/cases').passed).toBe(true);
    expect(run('OPTIONS', '/cases').passed).toBe(true);
    expect(run('POST', '/app/inbox').passed).toBe(true);
  });
});
