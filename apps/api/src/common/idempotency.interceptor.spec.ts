import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { DomainException } from '@waymark/contracts';
import { lastValueFrom, of } from 'rxjs';
import type { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A DataSource whose key insert is ignored (someone holds the key) and whose read finds `existing`. */
function dataSource(existing: object | null): DataSource {
  const insert = { insert: () => insert, values: () => insert, orIgnore: () => insert, returning: () => insert };
  const builder = Object.assign(insert, { execute: () => Promise.resolve({ raw: [] }) });
  const repo = { createQueryBuilder: () => builder, findOneBy: () => Promise.resolve(existing) };
  return { getRepository: () => repo } as unknown as DataSource;
}

function context(): ExecutionContext {
  const req = {
    method: 'POST',
    path: '/tasks/x/extend',
    body: { reason: 'r' },
    actor: { sub: 's', agencyId: 'demo-a', roles: [] },
    header: (name: string) => (name === 'idempotency-key' ? 'k1' : undefined),
  };
  return { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
}

describe('IdempotencyInterceptor', () => {
  const next: CallHandler = { handle: () => of({ ok: true }) };

  it('answers 409 request_in_progress, not a 500, when the key was freed by a concurrent request that failed', async () => {
    const run = lastValueFrom(new IdempotencyInterceptor(dataSource(null)).intercept(context(), next));
    await expect(run).rejects.toEqual(expect.objectContaining({ code: 'request_in_progress' }));
    await expect(run).rejects.toBeInstanceOf(DomainException);
  });

  it('refuses the key for a different request (422), as before', async () => {
    const running = { requestHash: '', statusCode: null };
    const run = lastValueFrom(new IdempotencyInterceptor(dataSource(running)).intercept(context(), next));
    // A different hash: the same key for another request is refused instead.
    await expect(run).rejects.toEqual(expect.objectContaining({ code: 'idempotency_key_reused' }));
  });
});
