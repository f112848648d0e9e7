import { applyDecorators } from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';

/**
 * Routes that need the case's workflow to take an update: documents the 503 they answer when no worker takes it
 * within WORKFLOW_UPDATE_TIMEOUT_MS (README, "API conventions").
 */
export function WorkflowUpdateRoute(): MethodDecorator {
  return applyDecorators(
    ApiServiceUnavailableResponse({
      description:
        "`unavailable`: the case's workflow did not take the request within WORKFLOW_UPDATE_TIMEOUT_MS (no worker answered). " +
        'It may still take effect: retry with the same Idempotency-Key and it is done once.',
    }),
  );
}
