import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainException, type FieldError } from '@waymark/contracts';
import { safeFieldName } from '../http/http-error';

/**
 * class-validator starts messages with the property name ("name must be…", "property x should not exist"); the
 * field is named separately, so that prefix goes. Plain string comparison: the property name is the caller's key,
 * and a pattern built from it would let one request block the event loop (ReDoS).
 */
export function stripPropertyPrefix(reason: string, property: string): string {
  for (const prefix of [`property ${property} `, `${property} `]) {
    if (reason.startsWith(prefix)) return reason.slice(prefix.length);
  }
  return reason;
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const name = safeFieldName(e.property);
    const field = prefix ? `${prefix}.${name}` : name;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({
      field,
      reason: stripPropertyPrefix(reason, e.property),
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
