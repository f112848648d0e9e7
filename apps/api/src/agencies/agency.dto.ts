import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const AGENCY_KINDS = [
  'municipality',
  'labour-inspectorate',
  'police',
  'ngo',
  'consulate',
  'return-agency',
  'iom',
  'shelter',
  'court',
  'child-protection',
  'demo',
] as const;

export class CreateAgencyDto {
  @ApiProperty({ example: 'padova-social-services', pattern: '^[a-z0-9-]{1,64}$' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'id must be lowercase letters, digits and dashes (at most 64)' })
  id: string;

  @ApiProperty({ example: 'Padova territorial social services', pattern: '\\S', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS })
  @IsIn(AGENCY_KINDS as unknown as string[], { message: `kind must be one of: ${AGENCY_KINDS.join(', ')}` })
  kind: string;

  @ApiPropertyOptional({ example: 'IT', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter ISO country code such as IT' })
  country?: string;
}

export class SetMembershipDto {
  @ApiProperty({
    example: ['social-worker'],
    type: 'array',
    items: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
    minItems: 1,
    maxItems: 20,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9-]{1,64}$/, { each: true, message: 'each role must be lowercase letters, digits and dashes' })
  roles: string[];
}
