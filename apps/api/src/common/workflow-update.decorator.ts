import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ERROR_CONTENT, errorResponses } from './api-errors';

/**
 * Routes that need the case's workflow to take an update: documents the 503 they answer when Temporal is unavailable and the 504
 * when no worker takes the update within WORKFLOW_UPDATE_TIMEOUT_MS (README, "API conventions"). The same 503 as `@ApiErrors('auth', 'workflow')`.
 */
export function WorkflowUpdateRoute(): MethodDecorator {
  const texts = errorResponses(['auth', 'workflow']);
  const headers = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };
  return applyDecorators(
    ApiResponse({ status: 503, description: texts.get(503), content: ERROR_CONTENT, headers }),
    ApiResponse({ status: 504, description: texts.get(504), content: ERROR_CONTENT }),
  );
}
