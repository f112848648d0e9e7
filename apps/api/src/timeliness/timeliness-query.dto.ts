import { ApiPropertyOptional } from '@nestjs/swagger';
import { isISO8601, IsOptional, IsString, Matches, ValidateBy, type ValidationOptions } from 'class-validator';

const ID = /^[a-z0-9-]{1,64}$/;
/** A calendar date, or a date-time with an explicit offset: a bare local time would depend on the server's zone. */
const ISO_DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_REASON = 'must be an ISO 8601 date (2025-01-31) or date-time with offset (2025-01-31T08:00:00Z)';

/** One check, so a bad value is reported once: the shape above, and a real calendar date (no 2025-02-30). */
function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrInstant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && ISO_DATE_OR_INSTANT.test(value) && isISO8601(value, { strict: true }),
      },
    },
    options,
  );
}

export class TimelinessQueryDto {
  @ApiPropertyOptional({ example: 'demo-handoff', pattern: ID.source, description: 'Only this SOP (see GET /sops).' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'sop must be an SOP id such as demo-handoff' })
  sop?: string;

  @ApiPropertyOptional({ example: 'review-intake', pattern: ID.source, description: 'Only this step of the SOP.' })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'step must be a step id such as review-intake' })
  step?: string;

  @ApiPropertyOptional({
    example: 'demo-a',
    pattern: ID.source,
    description:
      "Your own agency (the default), or a counterpart: that agency's steps in the cases your agency takes part in (GET /timeliness/counterparts lists them).",
  })
  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'agencyId must be an agency id such as demo-a' })
  agencyId?: string;

  @ApiPropertyOptional({
    example: '2025-01-01',
    pattern: ISO_DATE_OR_INSTANT.source,
    description: 'Tasks opened from this date (UTC day) or instant, inclusive.',
  })
  @IsOptional()
  @IsDateOrInstant({ message: `from ${DATE_REASON}` })
  from?: string;

  @ApiPropertyOptional({
    example: '2025-03-31',
    pattern: ISO_DATE_OR_INSTANT.source,
    description: 'Tasks opened up to this date (the whole UTC day included), or before this instant (exclusive).',
  })
  @IsOptional()
  @IsDateOrInstant({ message: `to ${DATE_REASON}` })
  to?: string;
}
