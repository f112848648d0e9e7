import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * A switch that weakens a safeguard for local trials and tests: refused at start when NODE_ENV is `production`, so a
 * copied development environment cannot switch it on in a deployment.
 */
export function NotInProduction(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'notInProduction',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value !== true || (args.object as { NODE_ENV?: string }).NODE_ENV !== 'production',
        defaultMessage: (args: ValidationArguments) => `${args.property} must not be set when NODE_ENV is production`,
      },
    });
  };
}
