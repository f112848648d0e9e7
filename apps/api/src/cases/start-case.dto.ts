import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPARTMENT_IDS, LINK_RELATIONS, type CompartmentId, type LinkRelation } from '@waymark/contracts';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';

export class StartCaseDto {
  @ApiProperty({
    example: 'demo-handoff',
    pattern: '^[a-z0-9-]{1,64}$',
    description: 'The SOP to run (see GET /sops).',
  })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'sop must be an SOP id such as demo-handoff' })
  sop: string;

  @ApiProperty({ example: { channel: 'referral' }, description: "The SOP's intake form." })
  @IsObject()
  input: Record<string, unknown>;

  @ApiPropertyOptional({
    example: { a: 'demo-a', b: 'demo-b' },
    description: "Participant slot → agency id; slots left out take the SOP's default agency.",
  })
  @IsOptional()
  @IsObject()
  participants?: Record<string, string>;
}

export class CancelCaseDto {
  @ApiProperty({
    example: 'Opened by mistake',
    description: 'Why the case is cancelled (kept on the timeline).',
    pattern: '\\S',
    maxLength: 500,
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}

export class ReportEventDto {
  @ApiProperty({
    example: 'travel-document-issued',
    pattern: '^[a-z0-9-]{1,64}$',
    description: "An event type of the case's SOP (see GET /sops/:id).",
  })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'type must be an event type such as travel-document-issued' })
  type: string;

  @ApiProperty({ example: {}, description: "The event's form." })
  @IsObject()
  data: Record<string, unknown>;
}

export class CaseNoteDto {
  @ApiProperty({
    enum: COMPARTMENT_IDS,
    example: 'protection',
    description: 'The compartment the note belongs to (see GET /policy).',
  })
  @IsIn(COMPARTMENT_IDS, { message: `compartment must be one of: ${COMPARTMENT_IDS.join(', ')}` })
  compartment: CompartmentId;

  @ApiProperty({
    example: 'Follow-up call planned with the interpreter.',
    pattern: '\\S',
    maxLength: 4000,
    description: 'Free text; only readers of the compartment see it.',
  })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(4000)
  text: string;

  @ApiPropertyOptional({
    example: 'W1',
    pattern: '^[A-Za-z0-9-]{1,16}$',
    description: 'The person code the note is about (never a name).',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,16}$/, { message: 'subject must be a person code of letters, digits and dashes' })
  subject?: string;
}

export class ChangeParticipantDto {
  @ApiProperty({
    example: 'origin-ngo',
    pattern: '^[a-z0-9-]{1,64}$',
    description:
      "A slot the SOP lets change while the case runs (GET /sops/:id, `changeable`; the case's `changeableSlots`).",
  })
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'slot must be a participant slot id such as origin-ngo' })
  slot: string;

  @ApiPropertyOptional({
    example: 'atina-belgrade',
    pattern: '^[a-z0-9-]{1,64}$',
    description:
      'The agency that fills the slot from now on: registered (GET /agencies) and of a kind the slot takes. Leave it ' +
      'out with `withdraw`.',
  })
  @ValidateIf((o: ChangeParticipantDto) => o.withdraw !== true)
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'agencyId must be an agency id (lowercase letters, digits and dashes)' })
  agencyId?: string;

  @ApiPropertyOptional({
    example: false,
    description:
      'The agency in the slot withdraws: its access ends now and the lead agency holds the slot (its open tasks wait ' +
      'there) until its coordinator puts another agency in it.',
  })
  @IsOptional()
  @IsBoolean({ message: 'withdraw must be true or false' })
  withdraw?: boolean;

  @ApiProperty({
    example: 'The origin-country partner was identified after the decision to return.',
    pattern: '\\S',
    maxLength: 500,
    description: 'Why the agency changes (on the timeline for every agency of the case: no personal data).',
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}

export class LinkCaseDto {
  @ApiProperty({
    example: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    format: 'uuid',
    description: 'The other case: one your agency takes part in (404 otherwise), never this case itself (409).',
  })
  @IsUUID('all', { message: 'caseId must be a case id (a UUID)' })
  caseId: string;

  @ApiProperty({ enum: LINK_RELATIONS, example: 'same-operation', description: 'How the two cases relate.' })
  @IsIn(LINK_RELATIONS, { message: `relation must be one of: ${LINK_RELATIONS.join(', ')}` })
  relation: LinkRelation;
}
