import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGENCY_KINDS,
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
  IsISO8601,
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
  @ValidateIf(
    (o: RecordConsentDto) =>
      (o.purpose === 'sharing' && o.sharedWithKind === undefined && o.sharedWithPartner === undefined) ||
      o.sharedWithAgency !== undefined,
  )
  @IsString({
    message: 'sharedWithAgency is required when purpose is sharing (an agency id), unless sharedWithKind is given',
  })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'sharedWithAgency must be an agency id' })
  sharedWithAgency?: string;

  @ApiPropertyOptional({
    enum: AGENCY_KINDS,
    example: 'ngo',
    description:
      'Instead of one agency: every agency of this kind taking part in the case (e.g. the origin NGO, whoever it ' +
      'turns out to be). Not together with sharedWithAgency.',
  })
  @IsOptional()
  @IsIn(AGENCY_KINDS, { message: `sharedWithKind must be one of: ${AGENCY_KINDS.join(', ')}` })
  sharedWithKind?: string;

  @ApiPropertyOptional({
    example: 'ro-adpare/adpare',
    pattern: '^[a-z0-9-]{1,64}/[a-z0-9-]{1,64}$',
    description:
      'Instead of an agency of this deployment: an agency of a partner deployment (`deployment/agency`), for a ' +
      'cross-border referral (docs/referral-protocol.md). Only with purpose sharing.',
  })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}\/[a-z0-9-]{1,64}$/, {
    message: 'sharedWithPartner must be a partner deployment and one of its agencies (deployment/agency)',
  })
  sharedWithPartner?: string;

  @ApiPropertyOptional({
    example: true,
    description:
      'The person asked that what this consent shares is not disclosed to their family (L6244-L6245): shown with ' +
      'the consent and on the family-facing tasks of the agencies it names.',
  })
  @IsOptional()
  @IsBoolean({ message: 'notForFamily must be true or false' })
  notForFamily?: boolean;

  @ApiPropertyOptional({
    example: 'W2',
    description:
      'The person the consent is given for, by their code in the case (W1, W2, … in an inspection that finds ' +
      "several workers). It then opens only that person's data; without it, the case's person's (or everyone's).",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,16}$/, { message: 'subject must be a person code of letters, digits and dashes' })
  subject?: string;

  @ApiPropertyOptional({
    example: '2027-06-30T00:00:00Z',
    description: 'The consent runs until then (ISO 8601, in the future); without it, until withdrawn.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'validUntil must be an ISO 8601 date or date-time' })
  validUntil?: string;

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
