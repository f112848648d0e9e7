import type { FieldError } from './forms.contract';

/**
 * Domain error codes. Domain libs throw `DomainException`; the API's one exception filter maps each code to an HTTP
 * status with an exhaustive switch. Messages say what was wrong and what to do, never personal data.
 */
export type DomainErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'validation_failed'
  | 'conflict'
  | 'task_closed'
  | 'case_closed'
  | 'consent_required'
  | 'case_erased'
  | 'idempotency_key_reused'
  | 'request_in_progress'
  | 'unavailable'
  | 'timeout';

export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainException';
  }
}
