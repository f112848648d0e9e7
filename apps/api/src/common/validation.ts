import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainException, type FieldError } from '@waymark/contracts';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({
      field,
      // class-validator starts messages with the property name; the field is named separately.
      reason: reason.replace(new RegExp(`^(property )?${e.property} `), ''),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The one global pipe: strips nothing silently, rejects unknown fields, names every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainException('validation_failed', 'The request has invalid fields; see `fields`.', flatten(errors)),
  });
}
