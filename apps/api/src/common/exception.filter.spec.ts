import { ApplicationFailure } from '@temporalio/common';
import { FAILURE_TYPES } from '@waymark/contracts';
import type { ArgumentsHost } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { fromWorkflowFailure, statusForCode, WaymarkExceptionFilter } from './exception.filter';

describe('error mapping', () => {
  it('maps each domain code to its HTTP status', () => {
    expect(statusForCode('unauthenticated')).toBe(401);
    expect(statusForCode('forbidden')).toBe(403);
    expect(statusForCode('not_found')).toBe(404);
    expect(statusForCode('validation_failed')).toBe(400);
    expect(statusForCode('task_closed')).toBe(409);
    expect(statusForCode('idempotency_key_reused')).toBe(422);
    expect(statusForCode('case_erased')).toBe(410);
    expect(statusForCode('unavailable')).toBe(503);
  });

  it("maps a workflow's rejection of an update to a domain error", () => {
    const f = (type: string, details?: unknown[]) =>
      fromWorkflowFailure(ApplicationFailure.create({ type, message: 'x', details }));
    expect(f(FAILURE_TYPES.WRONG_AGENCY).code).toBe('not_found');
    expect(f(FAILURE_TYPES.TASK_CLOSED).code).toBe('task_closed');
    expect(f(FAILURE_TYPES.WRONG_ROLE).code).toBe('forbidden');
    const invalid = f(FAILURE_TYPES.INVALID_FORM, [
      { fields: [{ field: 'ready', reason: 'must be true or false' }], prefix: 'form' },
    ]);
    expect(invalid.code).toBe('validation_failed');
    expect(invalid.fields).toEqual([{ field: 'form.ready', reason: 'must be true or false' }]);
  });
});

describe('WaymarkExceptionFilter and rate limiting', () => {
  it('answers a throttled request 429 too_many_requests, without the library message', () => {
    const sent: { status?: number; body?: Record<string, unknown> } = {};
    const res = {
      headersSent: false,
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: Record<string, unknown>) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    new WaymarkExceptionFilter().catch(new ThrottlerException(), host);
    expect(sent.status).toBe(429);
    expect(sent.body).toEqual(expect.objectContaining({ statusCode: 429, error: 'too_many_requests' }));
    expect(String(sent.body?.message)).toContain('Retry-After');
  });
});

describe('WaymarkExceptionFilter and outages', () => {
  function send(exception: unknown) {
    const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
    const res = {
      headersSent: false,
      getHeader: (k: string) => sent.headers[k],
      setHeader: (k: string, v: string) => (sent.headers[k] = v),
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: Record<string, unknown>) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    new WaymarkExceptionFilter().catch(exception, host);
    return sent;
  }

  it('answers 503 with Retry-After when Temporal cannot be reached', () => {
    const sent = send(new ServiceError('unavailable', { cause: new Error('14 UNAVAILABLE') }));
    expect([sent.status, sent.body?.error, sent.headers['Retry-After']]).toEqual([503, 'unavailable', '5']);
  });

  it('answers 503 with Retry-After when PostgreSQL is away, and 500 for any other database error', () => {
    const refused = Object.assign(new Error('query failed'), {
      driverError: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const sent = send(refused);
    expect([sent.status, sent.body?.error, sent.headers['Retry-After']]).toEqual([503, 'unavailable', '5']);
    expect(send(Object.assign(new Error('duplicate key'), { code: '23505' })).status).toBe(500);
  });

  it('answers 504 timeout when no worker took the update in time', () => {
    const sent = send(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: new Error('deadline') }));
    expect([sent.status, sent.body?.error]).toEqual([504, 'timeout']);
    expect(String(sent.body?.message)).toContain('same Idempotency-Key');
    expect(statusForCode('timeout')).toBe(504);
  });

  it("answers a refusal it has no mapping for with 409 naming the workflow's failure type, not its message", () => {
    const failure = ApplicationFailure.create({ type: 'SomeNewRule', message: 'Maria Rossi may not' });
    const domain = fromWorkflowFailure(failure);
    expect([domain.code, domain.message]).toEqual(['conflict', 'The workflow refused the request (SomeNewRule).']);
  });
});
