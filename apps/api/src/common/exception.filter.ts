import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  ServiceError,
  isGrpcDeadlineError,
  isGrpcServiceError,
} from '@temporalio/client';
import { isTransientDbError } from '@waymark/database';
import { ApplicationFailure } from '@temporalio/common';
import {
  DomainException,
  FAILURE_TYPES,
  type DomainErrorCode,
  type FailureType,
  type FieldError,
  type InvalidFormDetails,
} from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import type { Response } from 'express';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

export function statusForCode(code: DomainErrorCode): number {
  switch (code) {
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'validation_failed':
      return 400;
    case 'conflict':
    case 'task_closed':
    case 'case_closed':
    case 'consent_required':
    case 'request_in_progress':
      return 409;
    case 'idempotency_key_reused':
      return 422;
    case 'case_erased':
      return 410;
    case 'unavailable':
      return 503;
    case 'timeout':
      return 504;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** A workflow's business failure (raised in an update validator or handler) as a domain exception. */
export function fromWorkflowFailure(failure: ApplicationFailure): DomainException {
  const type = failure.type as FailureType;
  switch (type) {
    case FAILURE_TYPES.TASK_NOT_FOUND:
    case FAILURE_TYPES.WRONG_AGENCY:
      // Another agency's task is reported as absent, not forbidden: its existence is not theirs to know.
      return new DomainException('not_found', "No such task in your agency's inbox.");
    case FAILURE_TYPES.TASK_CLOSED:
      return new DomainException('task_closed', 'The task is already closed; reload the inbox.');
    case FAILURE_TYPES.WRONG_ROLE:
      return new DomainException('forbidden', failure.message);
    case FAILURE_TYPES.INVALID_FORM: {
      const details = failure.details?.[0] as InvalidFormDetails | undefined;
      return new DomainException(
        'validation_failed',
        'The form has invalid fields; see `fields`.',
        details?.fields.map((f) => ({ field: `${details.prefix}.${f.field}`, reason: f.reason })),
      );
    }
    case FAILURE_TYPES.CASE_CLOSED:
      return new DomainException('case_closed', 'The case is already closed.');
    case FAILURE_TYPES.TASK_CLAIMED:
      return new DomainException('conflict', 'Someone else in your agency has claimed this task.');
    case FAILURE_TYPES.NOT_SUPERVISOR:
      return new DomainException('forbidden', failure.message);
    case FAILURE_TYPES.BAD_DEADLINE:
      return new DomainException('validation_failed', failure.message, [{ field: 'dueAt', reason: failure.message }]);
    case FAILURE_TYPES.UNKNOWN_EVENT:
      return new DomainException('validation_failed', failure.message, [
        { field: 'type', reason: 'is not an event of this SOP' },
      ]);
    case FAILURE_TYPES.WRONG_REPORTER:
      return new DomainException('forbidden', 'Your agency and role may not report this event in this case.');
    case FAILURE_TYPES.CONSENT_REQUIRED:
      return new DomainException('consent_required', failure.message);
    case FAILURE_TYPES.BAD_PARTICIPANT: {
      const details = failure.details?.[0] as { fields: FieldError[] } | undefined;
      return new DomainException('validation_failed', 'The participant change has invalid fields; see `fields`.', [
        ...(details?.fields ?? []),
      ]);
    }
    case FAILURE_TYPES.NOT_CLAIMED:
      return new DomainException('conflict', failure.message);
    case FAILURE_TYPES.BAD_ASSIGNEE:
      return new DomainException('validation_failed', 'The task cannot go to this person; see `fields`.', [
        { field: 'assignee', reason: failure.message },
      ]);
    case FAILURE_TYPES.EVENT_NOT_APPLICABLE:
      // The event does not fit the case's state (e.g. a refusal of a route never chosen): the message says why.
      return new DomainException('conflict', failure.message);
    default:
      // The failure type is a code name from the workflow's source (never data); the message may carry data.
      return new DomainException('conflict', `The workflow refused the request (${String(type ?? 'unspecified')}).`);
  }
}

/** Seconds a client should wait before retrying a 503: a restart of Temporal or PostgreSQL takes a few. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/**
 * The one place errors become HTTP: domain exceptions by code, Temporal client errors by kind, Nest's own
 * HTTP exceptions as they are, and everything else as a 500 whose body says nothing about the data.
 */
@Catch()
export class WaymarkExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = requestContext.get()?.requestId;
    if (res.headersSent) return;
    if (body.statusCode === 503 && !res.getHeader('Retry-After')) {
      res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const domain = this.toDomain(exception);
    if (domain) {
      const statusCode = statusForCode(domain.code);
      return {
        statusCode,
        error: domain.code,
        message: domain.message,
        ...(domain.fields ? { fields: domain.fields } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? String((response as { message: unknown }).message)
          : exception.message;
      if (statusCode === 429) {
        return {
          statusCode,
          error: 'too_many_requests',
          message: 'Too many requests; retry after the number of seconds in the Retry-After header.',
        };
      }
      return { statusCode, error: statusCode === 404 ? 'not_found' : 'http_error', message };
    }
    // Only the error's class and our own message are logged: driver errors can carry row values.
    const name = exception instanceof Error ? exception.constructor.name : typeof exception;
    this.logger.error({ msg: 'unhandled error', errorClass: name, code: (exception as { code?: unknown })?.code });
    return {
      statusCode: 500,
      error: 'internal_error',
      message: 'Something went wrong on our side; try again, and quote the requestId if it persists.',
    };
  }

  private toDomain(exception: unknown): DomainException | undefined {
    if (exception instanceof DomainException) return exception;
    if (exception instanceof WorkflowUpdateFailedError) {
      const cause = exception.cause;
      if (cause instanceof ApplicationFailure) return fromWorkflowFailure(cause);
      return new DomainException('conflict', 'The workflow refused the request.');
    }
    if (exception instanceof WorkflowExecutionAlreadyStartedError) {
      return new DomainException('conflict', 'A case with this id is already running.');
    }
    if (exception instanceof WorkflowNotFoundError) {
      return new DomainException('not_found', 'The case is not running any more.');
    }
    if (exception instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(exception)) {
      return new DomainException(
        'timeout',
        "The case's workflow did not answer within WORKFLOW_UPDATE_TIMEOUT_MS; it may still take effect: retry with " +
          'the same Idempotency-Key and it is done once.',
      );
    }
    if (exception instanceof ServiceError || isGrpcServiceError(exception)) {
      return new DomainException(
        'unavailable',
        'The workflow service is unavailable; retry after Retry-After seconds with the same Idempotency-Key.',
      );
    }
    if (isTransientDbError(exception)) {
      return new DomainException('unavailable', 'The database is unavailable; retry after Retry-After seconds.');
    }
    return undefined;
  }
}
