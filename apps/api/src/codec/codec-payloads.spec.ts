import { DomainException } from '@waymark/contracts';
import type { NextFunction, Request, Response } from 'express';
import { codecCors } from './codec-cors';
import { MAX_PAYLOADS, parsePayloads, toJsonPayload } from './codec-payloads';

describe('codec endpoint payloads', () => {
  it('round-trips the codec server JSON shape', () => {
    const json = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('"hi"').toString('base64'),
    };
    const [payload] = parsePayloads({ payloads: [json] });
    expect(Buffer.from(payload.data!).toString()).toBe('"hi"');
    expect(toJsonPayload(payload)).toEqual(json);
  });

  it('reads a body without `payloads` (protobuf JSON drops empty lists) as no payloads', () => {
    expect(parsePayloads({})).toEqual([]);
    expect(() => parsePayloads({ payloads: 'x' })).toThrow();
  });

  it('names every bad field, without echoing values', () => {
    let error: unknown;
    try {
      parsePayloads({ payloads: [{ metadata: { encoding: 'not base64!' }, data: 42, extra: 'Zorana' }, 'x'] });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).fields).toEqual([
      { field: 'payloads[0].extra', reason: 'is not a payload field' },
      { field: 'payloads[0].metadata', reason: 'every value must be base64' },
      { field: 'payloads[0].data', reason: 'must be base64' },
      { field: 'payloads[1]', reason: 'must be an object with metadata and data' },
    ]);
    expect(JSON.stringify(error)).not.toContain('Zorana');
    expect(() => parsePayloads([])).toThrow(DomainException);
    expect(() => parsePayloads({ payloads: Array.from({ length: MAX_PAYLOADS + 1 }, () => ({})) })).toThrow(
      DomainException,
    );
  });
});

describe('codec CORS', () => {
  function run(method: string, origin?: string) {
    const headers: Record<string, string> = {};
    const res = {
      statusCode: 200,
      setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v),
      vary: jest.fn(),
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      end: jest.fn(),
    };
    const next = jest.fn();
    codecCors(['http://localhost:8233'])(
      { method, headers: origin ? { origin } : {} } as Request,
      res as unknown as Response,
      next as NextFunction,
    );
    return { headers, res, next };
  }

  it("answers the Web UI's preflight and lets its requests through with CORS headers", () => {
    const pre = run('OPTIONS', 'http://localhost:8233');
    expect(pre.res.statusCode).toBe(204);
    expect(pre.next).not.toHaveBeenCalled();
    expect(pre.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, X-Namespace');
    const post = run('POST', 'http://localhost:8233');
    expect(post.next).toHaveBeenCalled();
    expect(post.headers['access-control-allow-origin']).toBe('http://localhost:8233');
  });

  it('gives other origins no CORS headers and refuses their preflight', () => {
    const pre = run('OPTIONS', 'http://evil.example');
    expect(pre.res.statusCode).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const post = run('POST');
    expect(post.next).toHaveBeenCalled();
    expect(post.headers).toEqual({});
  });
});
