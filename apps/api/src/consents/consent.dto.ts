import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_PURPOSES,
  CONSENT_SCOPES,
  type ConsentPurpose,
} from '@waymark/contracts';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export {
  CONSENT_FORMS,
  CONSENT_GIVERS,
  CONSENT_PURPOSES,
  CONSENT_SCOPES,
  type ConsentPurpose,
} from '@waymark/contracts';

export class RecordConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES, example: 'sharing' })
  @IsIn(CONSENT_PURPOSES, { message: `purpose must be one of: ${CONSENT_PURPOSES.join(', ')}` })
  purpose: ConsentPurpose;

  @ApiPropertyOptional({
    example: 'demo-b',
    pattern: '^[a-z0-9-]{1,64}$',
    description: 'The agency the data goes to; required when purpose is sharing.',
  })
  @ValidateIf((o: RecordConsentDto) => o.purpose === 'sharing' || o.sharedWithAgency !== undefined)
  @IsString({ message: 'sharedWithAgency is required when purpose is sharing (an agency id)' })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'sharedWithAgency must be an agency id' })
  sharedWithAgency?: string;

  @ApiProperty({ enum: CONSENT_SCOPES, isArray: true, example: ['identity', 'needs-and-risks'] })
  @IsArray()
  @ArrayNotEmpty({ message: 'scope must name at least one data scope' })
  @ArrayMaxSize(CONSENT_SCOPES.length)
  @ArrayUnique({ message: 'scope must not repeat a data scope' })
  @IsIn(CONSENT_SCOPES, { each: true, message: `scope must contain only: ${CONSENT_SCOPES.join(', ')}` })
  scope: string[];

  @ApiProperty({ enum: CONSENT_FORMS, example: 'verbal' })
  @IsIn(CONSENT_FORMS, { message: `form must be one of: ${CONSENT_FORMS.join(', ')}` })
  form: (typeof CONSENT_FORMS)[number];

  @ApiProperty({ enum: CONSENT_GIVERS, example: 'person' })
  @IsIn(CONSENT_GIVERS, { message: `givenBy must be one of: ${CONSENT_GIVERS.join(', ')}` })
  givenBy: (typeof CONSENT_GIVERS)[number];

  @ApiPropertyOptional({
    default: false,
    description: 'The person is a minor: consent then comes from the guardian or the responsible authority.',
  })
  @IsOptional()
  @IsBoolean()
  personIsMinor?: boolean;
}

export class WithdrawConsentDto {
  @ApiProperty({
    example: 'The person asked to stop the exchange',
    description: 'Why consent is withdrawn (stored, never echoed).',
    pattern: '\\S',
    maxLength: 500,
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}
