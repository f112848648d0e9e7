import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainException, FAILURE_TYPES } from '@waymark/contracts';
import { updateKnownTask } from './task-update';

const refusal = (type: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, nonRetryable: true }));

describe('updateKnownTask', () => {
  it('answers 503 `unavailable` when the workflow does not know a task its own row names yet', async () => {
    const err = await updateKnownTask(() => Promise.reject(refusal(FAILURE_TYPES.TASK_NOT_FOUND))).catch((e) => e);
    expect(err).toBeInstanceOf(DomainException);
    expect([err.code, err.message]).toEqual(['unavailable', expect.stringContaining('same Idempotency-Key')]);
  });

  it('passes every other refusal and the result through unchanged', async () => {
    const closed = refusal(FAILURE_TYPES.TASK_CLOSED);
    await expect(updateKnownTask(() => Promise.reject(closed))).rejects.toBe(closed);
    await expect(updateKnownTask(() => Promise.resolve({ taskId: 't' }))).resolves.toEqual({ taskId: 't' });
  });
});
