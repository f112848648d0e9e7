import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { WaymarkConfig } from '@waymark/config';
import { DomainException } from '@waymark/contracts';
import { createHash } from 'node:crypto';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { DataSource } from 'typeorm';
import { IdempotencyInterceptor, type ClaimResourceId } from './idempotency.interceptor';

const config = { env: { IDEMPOTENCY_LEASE_MS: 30_000 } } as unknown as WaymarkConfig;
const BODY = { reason: 'r' };
const HASH = createHash('sha256')
  .update(`POST /tasks/x/extend\n${JSON.stringify(BODY)}`)
  .digest('hex');

interface Row {
  request_hash: string;
  status_code: number | null;
  response_body?: unknown;
  resource_id?: string | null;
  lease_left_ms: number;
}

/**
 * A DataSource whose `idempotency_keys` is one row (or none) held in memory: enough to follow the interceptor's
 * statements (insert, read, take over, claim, record, release) without a database.
 */
function dataSource(row: Row | null, { insertWins = false } = {}) {
  const statements: string[] = [];
  const query = (sql: string, params: unknown[]) => {
    statements.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
    if (sql.startsWith('INSERT')) return Promise.resolve(insertWins ? [{ key: 'k1' }] : []);
    if (sql.trimStart().startsWith('SELECT')) return Promise.resolve(row ? [row] : []);
    if (sql.includes('leased_until <= now()')) {
      const expired = row !== null && row.status_code === null && row.lease_left_ms === 0;
      return Promise.resolve([expired ? [{ key: 'k1' }] : [], expired ? 1 : 0]);
    }
    if (sql.includes('SET resource_id')) {
      const id = row?.resource_id ?? (params[2] as string);
      if (row) row.resource_id = id;
      return Promise.resolve([[{ resource_id: id }], 1]);
    }
    return Promise.resolve([[], 1]);
  };
  return { ds: { query } as unknown as DataSource, statements };
}

function context() {
  const headers: Record<string, string> = {};
  const req = {
    method: 'POST',
    path: '/tasks/x/extend',
    body: BODY,
    actor: { sub: 's', agencyId: 'demo-a', roles: [] },
    header: (name: string) => (name === 'idempotency-key' ? 'k1' : undefined),
    res: { statusCode: 201, setHeader: (k: string, v: string) => (headers[k] = v) },
    claimResourceId: undefined as ClaimResourceId | undefined,
  };
  const ctx = { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
  return { ctx, req, headers };
}

describe('IdempotencyInterceptor', () => {
  const next: CallHandler = { handle: () => of({ ok: true }) };

  it('answers 409 request_in_progress, not a 500, when the key was freed by a concurrent request that failed', async () => {
    const run = lastValueFrom(new IdempotencyInterceptor(dataSource(null).ds, config).intercept(context().ctx, next));
    await expect(run).rejects.toEqual(expect.objectContaining({ code: 'request_in_progress' }));
    await expect(run).rejects.toBeInstanceOf(DomainException);
  });

  it('refuses the key for a different request (422), as before', async () => {
    const running = { request_hash: '', status_code: null, lease_left_ms: 10_000 };
    const run = lastValueFrom(
      new IdempotencyInterceptor(dataSource(running).ds, config).intercept(context().ctx, next),
    );
    // A different hash: the same key for another request is refused instead.
    await expect(run).rejects.toEqual(expect.objectContaining({ code: 'idempotency_key_reused' }));
  });

  it('answers 409 with Retry-After while the running request still holds its lease', async () => {
    const { ctx, headers } = context();
    const running = { request_hash: HASH, status_code: null, lease_left_ms: 12_300 };
    const run = lastValueFrom(new IdempotencyInterceptor(dataSource(running).ds, config).intercept(ctx, next));
    await expect(run).rejects.toEqual(expect.objectContaining({ code: 'request_in_progress' }));
    expect(headers['Retry-After']).toBe('13');
  });

  it('takes over a key whose lease ran out, runs the request with the recorded id, and records the answer', async () => {
    const { ctx, req } = context();
    const stale = { request_hash: HASH, status_code: null, resource_id: 'case-1', lease_left_ms: 0 };
    const { ds, statements } = dataSource(stale);
    let claimed: string | undefined;
    const handler: CallHandler = {
      handle: () => {
        void req.claimResourceId!('case-2').then((id) => (claimed = id));
        return of({ caseId: 'case-1' });
      },
    };
    await expect(lastValueFrom(new IdempotencyInterceptor(ds, config).intercept(ctx, handler))).resolves.toEqual({
      caseId: 'case-1',
    });
    expect(claimed).toBe('case-1');
    expect(statements).toContain('UPDATE idempotency_keys');
  });

  it('replays a recorded answer without running the request', async () => {
    const { ctx, headers } = context();
    const done = { request_hash: HASH, status_code: 201, response_body: { caseId: 'c' }, lease_left_ms: 0 };
    const handler: CallHandler = { handle: () => throwError(() => new Error('must not run')) };
    const run = lastValueFrom(new IdempotencyInterceptor(dataSource(done).ds, config).intercept(ctx, handler));
    await expect(run).resolves.toEqual({ caseId: 'c' });
    expect(headers['Idempotent-Replayed']).toBe('true');
  });

  it('a failed first attempt releases its key and rethrows', async () => {
    const { ctx } = context();
    const { ds, statements } = dataSource(null, { insertWins: true });
    const handler: CallHandler = { handle: () => throwError(() => new Error('boom')) };
    await expect(lastValueFrom(new IdempotencyInterceptor(ds, config).intercept(ctx, handler))).rejects.toThrow('boom');
    expect(statements).toEqual(expect.arrayContaining(['DELETE FROM', 'UPDATE idempotency_keys']));
  });
});
