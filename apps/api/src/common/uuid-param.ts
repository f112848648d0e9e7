import { ParseUUIDPipe } from '@nestjs/common';
import { DomainException } from '@waymark/contracts';

/** A path id that must be a UUID, with the same field-level error body as every other bad input. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainException('validation_failed', `The ${field} in the path is not a valid id.`, [
        { field, reason: 'must be a UUID' },
      ]),
  });
}
