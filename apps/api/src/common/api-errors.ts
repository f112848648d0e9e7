import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One bad field: the field's path (`form.ready`, `Idempotency-Key`, `sub`) and why it was refused. */
export class FieldErrorBody {
  @ApiProperty({ example: 'sop', description: 'The field, query parameter, path parameter or header refused.' })
  field: string;

  @ApiProperty({ example: 'must be an SOP id such as demo-handoff' })
  reason: string;
}

/** What WaymarkExceptionFilter sends for every error (exception.filter.ts): nothing personal, ever. */
export class ErrorBody {
  @ApiProperty({ example: 400, description: 'The HTTP status again.' })
  statusCode: number;

  @ApiProperty({
    example: 'validation_failed',
    description:
      'A stable code: unauthenticated, forbidden, not_found, validation_failed, conflict, task_closed, case_closed, ' +
      'consent_required, request_in_progress, idempotency_key_reused, case_erased, unavailable, internal_error, or ' +
      "http_error (a framework error such as an unknown route's 404).",
  })
  error: string;

  @ApiProperty({ example: 'The request has invalid fields; see `fields`.', description: 'For people; may change.' })
  message: string;

  @ApiPropertyOptional({ type: [FieldErrorBody], description: 'With validation_failed: every refused field.' })
  fields?: FieldErrorBody[];

  @ApiPropertyOptional({ example: '5f0c2f1e-3b4d-4c55-9b1a-2a7c3e9d8f10', description: 'Quote it when reporting.' })
  requestId?: string;
}

/**
 * The errors a route can answer. `@ApiErrors(...)` on every route documents each with the shared ErrorBody schema;
 * 429 (rate limit, with Retry-After) and 500 are added to every route.
 */
export type ApiErrorKind =
  /** Query or path parameters are validated: 400 naming the field. */
  | 'input'
  /** A JSON body: 400 (validation or malformed JSON), 413 (too large), 415 (not JSON / not UTF-8). */
  | 'body'
  /** Needs a bearer token: 401; 503 when the identity provider's keys cannot be fetched. */
  | 'auth'
  /** Roles or the access policy apply: 403. */
  | 'forbidden'
  /** A path id (or a required query id) is looked up: 404. */
  | 'notFound'
  /** The state refuses the request: 409 (conflict, task_closed, case_closed, consent_required). */
  | 'conflict'
  /** Accepts Idempotency-Key: 409 request_in_progress, 422 idempotency_key_reused, 400 for a malformed key. */
  | 'idempotent'
  /** Touches a case that may have been erased: 410. */
  | 'gone'
  /** Needs the case's workflow to answer: 409 refused, 503 Temporal unavailable, 504 no answer in time. */
  | 'workflow';

const TEXT: Record<ApiErrorKind, [number, string][]> = {
  input: [[400, '`validation_failed`: a query or path parameter is invalid; `fields` names each one and why.']],
  body: [
    [400, '`validation_failed`: the body is not valid JSON or has invalid or unknown fields; `fields` names them.'],
    [413, 'The body is larger than the limit for this route.'],
    [415, 'The body is not `application/json` in UTF-8.'],
  ],
  auth: [
    [401, '`unauthenticated`: no bearer token, or it is not valid (expired, wrong issuer or signature).'],
    [503, '`unavailable`: the identity provider could not be reached to check the token (OIDC); retry shortly.'],
  ],
  forbidden: [[403, '`forbidden`: your roles, agency or the access policy do not allow this; the message says why.']],
  notFound: [[404, '`not_found`: no such resource among those your agency may see.']],
  conflict: [
    [
      409,
      '`conflict`, `task_closed`, `case_closed` or `consent_required`: the current state refuses the request; ' +
        'the message says what to do.',
    ],
  ],
  idempotent: [
    [400, '`validation_failed`: the Idempotency-Key header is malformed.'],
    [
      409,
      '`request_in_progress`: a request with this Idempotency-Key is still running; retry after Retry-After seconds ' +
        '(once its IDEMPOTENCY_LEASE_MS lease runs out, a retry takes the request over).',
    ],
    [422, '`idempotency_key_reused`: this Idempotency-Key was used for a different request; use a new key.'],
  ],
  gone: [[410, '`case_erased`: the case was erased; its data no longer exists.']],
  workflow: [
    [409, '`conflict`: the workflow refused the request; the message gives its reason (a code name, never data).'],
    [
      503,
      '`unavailable`: Temporal (or PostgreSQL) cannot be reached right now; retry after the seconds in Retry-After, ' +
        'with the same Idempotency-Key.',
    ],
    [
      504,
      "`timeout`: the case's workflow did not take the request within WORKFLOW_UPDATE_TIMEOUT_MS (no worker " +
        'answered). It may still take effect: retry with the same Idempotency-Key and it is done once.',
    ],
  ],
};

const ALWAYS: [number, string][] = [
  [429, 'Too many requests from you: wait the seconds the `Retry-After` header gives, then retry.'],
  [500, '`internal_error`: something failed on our side; quote the requestId. The body says nothing about the data.'],
  [503, '`unavailable`: PostgreSQL or Temporal cannot be reached right now; retry after the seconds in Retry-After.'],
];

/** The Idempotency-Key header as IdempotencyInterceptor accepts it (KEY_FORMAT there). */
export const IDEMPOTENCY_KEY_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,200}$' } as const;

/** Errors are JSON even on routes that produce CSV or text (registered by createOpenApiDocument's extraModels). */
export const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
};

/** The error responses of a route, merged per status (two kinds answering 409 give one 409 naming both). */
export function errorResponses(kinds: readonly ApiErrorKind[]): Map<number, string> {
  const byStatus = new Map<number, string[]>();
  for (const [status, text] of [...kinds.flatMap((k) => TEXT[k]), ...ALWAYS]) {
    const texts = byStatus.get(status) ?? [];
    if (!texts.includes(text)) texts.push(text);
    byStatus.set(status, texts);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b).map(([status, texts]) => [status, texts.join(' Or: ')]));
}

/** Documents the error responses of a route (see ApiErrorKind); one `@ApiErrors(...)` a route. */
export function ApiErrors(...kinds: ApiErrorKind[]): MethodDecorator {
  return applyDecorators(
    ...[...errorResponses(kinds)].map(([status, description]) =>
      ApiResponse({
        status,
        description,
        content: ERROR_CONTENT,
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
}

/** A path id that `uuidParam()` checks: documented as a UUID so clients and fuzzers send one. */
export function ApiUuidParam(name = 'id', description?: string): MethodDecorator {
  return applyDecorators(ApiParam({ name, type: 'string', format: 'uuid', ...(description ? { description } : {}) }));
}
