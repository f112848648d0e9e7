import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_CONTENT, errorResponses } from './api-errors';

/**
 * Routes that need the case's workflow to take an update: documents the 503 they answer when no worker takes it
 * within WORKFLOW_UPDATE_TIMEOUT_MS (README, "API conventions"). The same 503 as `@ApiErrors('auth', 'workflow')`.
 */
export function WorkflowUpdateRoute(): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: 503, description: errorResponses(['auth', 'workflow']).get(503), content: ERROR_CONTENT }),
  );
}
