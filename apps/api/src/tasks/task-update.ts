import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainException, FAILURE_TYPES } from '@waymark/contracts';

/**
 * Sends an update about a task whose row the API has just read. The row is written by the case's own workflow, so a
 * workflow answering "no such task" has not caught up with its own projection yet: a worker died after the row was
 * committed but before its workflow task completed, and the next worker is replaying the case while the update
 * arrives. That is 503 `unavailable` (retry, with the same Idempotency-Key), never a 404 for a task that exists.
 */
export async function updateKnownTask<R>(send: () => Promise<R>): Promise<R> {
  try {
    return await send();
  } catch (err) {
    if (isTaskUnknownToWorkflow(err)) {
      throw new DomainException(
        'unavailable',
        "The case's workflow is catching up after a restart; retry after Retry-After seconds with the same " +
          'Idempotency-Key.',
      );
    }
    throw err;
  }
}

export function isTaskUnknownToWorkflow(err: unknown): boolean {
  return (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ApplicationFailure &&
    err.cause.type === FAILURE_TYPES.TASK_NOT_FOUND
  );
}
