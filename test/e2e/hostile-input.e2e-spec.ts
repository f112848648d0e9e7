import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { AppStack } from '../support/stack';

/**
 * Hostile input against the real API (built code, own process): every operation of the OpenAPI document gets
 * hostile keys and answers 4xx quickly; size, depth, charset, encoding, NUL and UTF-8 probes get their 4xx; the
 * security headers are present; token issuing is rate limited with Retry-After; a slow body is cut off. The stack
 * runs with low limits (16 KiB bodies, 1.5 s request timeout, 3 token requests per window).
 */
const BODY_LIMIT = 16 * 1024;
const REQUEST_TIMEOUT_MS = 1500;
const TOKEN_LIMIT = 3;
const UUID = '00000000-0000-4000-8000-000000000000';
/** Every hostile request must be answered within this (a regex bomb would take seconds to minutes). */
const ANSWER_BOUND_MS = 2000;

const stack = new AppStack('hostile-input', {
  HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT),
  HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  HTTP_HEADERS_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  RATE_LIMIT_TOKEN: String(TOKEN_LIMIT),
  RATE_LIMIT_WINDOW_MS: '60000',
});
let token = '';

interface Raw {
  status: number;
  text: string;
  headers: Headers;
  ms: number;
}

async function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, ms: Date.now() - started } satisfies Raw;
}

const json = (method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  raw(method, path, body, { 'content-type': 'application/json', ...headers });

function expectShape(res: Raw, status: number, error: string): any {
  expect({ status: res.status, error: (JSON.parse(res.text) as { error?: string }).error }).toEqual({ status, error });
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(body).toEqual(expect.objectContaining({ statusCode: status, message: expect.any(String) }));
  return body;
}

beforeAll(async () => {
  await stack.start();
  token = await stack.token('hostile-agency', ['caseworker'], 'hostile-sub');
});
afterAll(() => stack.stop());

describe('rate limits', () => {
  it('answers token issuing past its limit with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let limited: Raw | undefined;
    for (let i = 0; i <= TOKEN_LIMIT && !limited; i++) {
      const res = await json('POST', '/auth/dev-token', JSON.stringify({}));
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses[0]).not.toBe(429);
    expect(statuses).toHaveLength(TOKEN_LIMIT + 1);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expectShape(limited!, 429, 'too_many_requests');
  });
});

describe('hostile keys on every operation of the OpenAPI document', () => {
  const bomb = '(a+)+$';
  const keys = [bomb, `${bomb}`.repeat(20), '(.*a){25}', '([a-zA-Z]+)*$', 'a'.repeat(10_000)];
  const bodies = [
    `{${keys.map((k, i) => `${JSON.stringify(k)}:${i}`).join(',')}}`,
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"outer":{"inner":[{"prototype":1}]}}',
  ];
  const queries = [
    `?${encodeURIComponent(bomb)}=1&${encodeURIComponent('a'.repeat(2000))}=2`,
    '?__proto__=1',
    '?constructor[prototype]=1',
  ];

  it('answers each with a 4xx within the bound, echoing no hostile key', async () => {
    const docs = await raw('GET', '/docs-json');
    expect(docs.status).toBe(200);
    const paths = (JSON.parse(docs.text) as { paths: Record<string, Record<string, unknown>> }).paths;
    const operations = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, UUID) })),
    );
    expect(operations.length).toBeGreaterThan(20);
    const answers: { op: string; kind: 'keys' | 'reserved' | 'query'; status: number; ms: number }[] = [];
    let slowest = 0;
    for (const { method, path } of operations) {
      const probes: Promise<Raw & { kind: 'keys' | 'reserved' | 'query' }>[] = [
        ...(method === 'GET'
          ? []
          : bodies.map((b, i) =>
              json(method, path, b).then((r) => ({ ...r, kind: i === 0 ? ('keys' as const) : ('reserved' as const) })),
            )),
        ...queries.map((q) => raw(method, `${path}${q}`).then((r) => ({ ...r, kind: 'query' as const }))),
      ];
      for (const res of await Promise.all(probes)) {
        answers.push({ op: `${method} ${path}`, kind: res.kind, status: res.status, ms: res.ms });
        slowest = Math.max(slowest, res.ms);
        expect(res.text).not.toContain('a'.repeat(100));
        expect(res.text).not.toContain('polluted');
      }
    }
    const bad = answers.filter((a) => a.status >= 500 || a.ms > ANSWER_BOUND_MS);
    expect(bad).toEqual([]);
    // Reserved keys never reach a handler. (Other keys and queries a route does not read are ignored, so a route
    // without a body or query may give its ordinary answer: the bound and the < 500 above are what matter.)
    expect(answers.filter((a) => a.kind === 'reserved' && a.status !== 400)).toEqual([]);
    process.stderr.write(
      `hostile sweep: ${answers.length} requests over ${operations.length} operations, slowest ${slowest} ms\n`,
    );
  });

  it('names the reserved key at any depth, without its value', async () => {
    const res = await json('POST', '/cases', '{"intake":{"deep":[{"__proto__":{"x":"secret-value"}}]}}');
    const body = expectShape(res, 400, 'validation_failed');
    expect(body.fields).toEqual([{ field: 'intake.deep[0].__proto__', reason: expect.stringContaining('reserved') }]);
    expect(res.text).not.toContain('secret-value');
  });
});

describe('bodies', () => {
  it('refuses a body over the limit with 413, declared or chunked', async () => {
    expectShape(await json('POST', '/cases', `{"x":"${'a'.repeat(BODY_LIMIT + 10)}"}`), 413, 'payload_too_large');
    const chunked = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${stack.apiUrl}/cases`);
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write(`{"x":"${'b'.repeat(BODY_LIMIT / 2)}"`);
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('refuses JSON nested 5,000 deep with 400', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const body = expectShape(await json('POST', '/cases', deep), 400, 'validation_failed');
    expect(body.fields).toEqual([{ field: 'body', reason: expect.stringContaining('nested deeper than') }]);
  });

  it.each([
    ['a latin1 charset', { 'content-type': 'application/json; charset=latin1' }],
    ['a gzip Content-Encoding', { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
    ['a bogus Content-Encoding', { 'content-type': 'application/json', 'content-encoding': 'x-bogus' }],
    ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', {}],
  ])('refuses %s with 415', async (_name, headers: Record<string, string>) => {
    expectShape(await raw('POST', '/cases', '{"sop":"demo-handoff"}', headers), 415, 'unsupported_media_type');
  });

  it('refuses NUL (escaped or raw) and invalid UTF-8 with 400, echoing nothing', async () => {
    const escaped = await json('POST', '/cases', '{"intake":{"channel":"ref\\u0000erral"}}');
    expect(expectShape(escaped, 400, 'validation_failed').fields).toEqual([
      { field: 'intake.channel', reason: 'must not contain NUL characters' },
    ]);
    expect(escaped.text).not.toContain('erral');
    expectShape(await json('POST', '/cases', Buffer.from('{"a":"x\u0000y"}')), 400, 'validation_failed');
    const invalid = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]);
    const res = await json('POST', '/cases', invalid);
    expect(expectShape(res, 400, 'validation_failed').fields).toEqual([
      { field: 'body', reason: 'is not valid UTF-8' },
    ]);
  });

  it('refuses NUL and invalid UTF-8 in query parameters with 400', async () => {
    for (const q of ['?caseId=%00', '?step=a%00b', '?step=%ff%fe', '?step=%E0%A4%A']) {
      const res = await raw('GET', `/tasks${q}`);
      expectShape(res, 400, 'validation_failed');
      expect(res.text).not.toContain('%');
    }
  });

  it('answers a method a path does not serve with 405 and Allow, and still serves the others', async () => {
    const deleted = await raw('DELETE', '/cases');
    expectShape(deleted, 405, 'method_not_allowed');
    expect(deleted.headers.get('allow')).toBe('POST, GET');
    const patched = await raw('PATCH', '/tasks/3f0a6a1e-64a6-4b4f-9a57-3c3e1d8e6e01/complete');
    expectShape(patched, 405, 'method_not_allowed');
    expect(patched.headers.get('allow')).toBe('POST');
    expect((await raw('GET', '/cases')).status).toBe(200);
    expect((await raw('GET', '/no-such-path')).status).toBe(404);
  });

  it('cuts a slow body off after the request timeout', async () => {
    const url = new URL(stack.apiUrl);
    const started = Date.now();
    const socket = connect(Number(url.port), url.hostname);
    let received = '';
    // Once the server has answered (or half-closed), a further trickled byte can meet a closed socket and come back
    // as a reset: the trickle stops at the first byte of the answer, and a reset after the answer is not a failure.
    let stopped = false;
    const errors: string[] = [];
    socket.on('data', (d: Buffer) => {
      stopped = true;
      received += d.toString('utf8');
    });
    socket.on('end', () => (stopped = true));
    socket.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    socket.write(
      'POST /cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const trickle = setInterval(() => !stopped && socket.writable && socket.write(' '), 100);
    const closedAfter = await new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    clearInterval(trickle);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(errors.filter((code) => code !== 'ECONNRESET' && code !== 'EPIPE')).toEqual([]);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
  });
});

describe('response headers', () => {
  it('sends the security headers and no-store on API JSON, and no X-Powered-By', async () => {
    const res = await raw('GET', '/health');
    expect(res.headers.get('content-type')).toContain('application/json');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const error = await raw('GET', '/cases/not-a-uuid');
    expect(error.headers.get('cache-control')).toBe('no-store');
  });

  it('compresses large responses for clients that ask', async () => {
    const encoding = await new Promise<string | undefined>((resolve, reject) => {
      httpRequest(`${stack.apiUrl}/docs-json`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        res.resume();
        resolve(res.headers['content-encoding']);
      })
        .on('error', reject)
        .end();
    });
    expect(encoding).toBe('gzip');
  });
});
