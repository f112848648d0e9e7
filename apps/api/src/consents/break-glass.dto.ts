import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Longest break-glass grant: a day; by default four hours (inferred: long enough for an emergency, no longer). */
export const BREAK_GLASS_MAX_MINUTES = 24 * 60;
export const BREAK_GLASS_DEFAULT_MINUTES = 4 * 60;

export class BreakGlassDto {
  @ApiProperty({
    example: 'Imminent danger: the person did not arrive at the shelter',
    description: 'Why the data is needed now (kept for the lead and the data-protection officer, never logged).',
    pattern: '\\S',
    maxLength: 500,
  })
  @IsString({ message: 'reason must be a string' })
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason: string;

  @ApiPropertyOptional({ minimum: 15, maximum: BREAK_GLASS_MAX_MINUTES, default: BREAK_GLASS_DEFAULT_MINUTES })
  @IsOptional()
  @IsInt({ message: 'minutes must be a whole number' })
  @Min(15, { message: 'minutes must be at least 15' })
  @Max(BREAK_GLASS_MAX_MINUTES, { message: `minutes must be at most ${BREAK_GLASS_MAX_MINUTES} (a day)` })
  minutes?: number;
}
