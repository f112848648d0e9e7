import { isTransientDbError, retryTransient } from './transient';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

describe('isTransientDbError', () => {
  it('knows an outage (refused, shutting down, connection ended) from an error about the statement', () => {
    expect(isTransientDbError(refused)).toBe(true);
    expect(isTransientDbError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(true);
    expect(isTransientDbError(new Error('Connection terminated unexpectedly'))).toBe(true);
    // TypeORM's QueryFailedError keeps the driver's error.
    expect(isTransientDbError(Object.assign(new Error('query failed'), { driverError: refused }))).toBe(true);
    expect(isTransientDbError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isTransientDbError(new Error('syntax error'))).toBe(false);
    expect(isTransientDbError(undefined)).toBe(false);
  });
});

describe('retryTransient', () => {
  it('waits out transient failures and answers once the database is back', async () => {
    let calls = 0;
    const retried: number[] = [];
    const answer = await retryTransient(() => (++calls < 4 ? Promise.reject(refused) : Promise.resolve('row')), {
      initialDelayMs: 1,
      onRetry: (n) => retried.push(n),
    });
    expect([answer, calls, retried]).toEqual(['row', 4, [1, 2, 3]]);
  });

  it('throws other errors at once, and a transient one after maxElapsedMs', async () => {
    let calls = 0;
    const constraint = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(retryTransient(() => (calls++, Promise.reject(constraint)))).rejects.toBe(constraint);
    expect(calls).toBe(1);
    await expect(retryTransient(() => Promise.reject(refused), { initialDelayMs: 5, maxElapsedMs: 30 })).rejects.toBe(
      refused,
    );
  });
});
