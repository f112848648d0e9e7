import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_KINDS, COUNTRY_CODES } from '@waymark/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

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
  @IsIn(AGENCY_KINDS as readonly string[] as string[], { message: `kind must be one of: ${AGENCY_KINDS.join(', ')}` })
  kind: string;

  @ApiPropertyOptional({ example: 'IT', enum: COUNTRY_CODES, description: 'ISO 3166-1 alpha-2 country code' })
  @IsOptional()
  @IsIn(COUNTRY_CODES as string[], { message: 'country must be an ISO 3166-1 alpha-2 country code such as IT' })
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
