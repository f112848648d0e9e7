import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class StartCaseDto {
  @ApiProperty({ example: 'demo-handoff', description: 'The SOP to run (see GET /sops).' })
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
  @ApiProperty({ example: 'Opened by mistake', description: 'Why the case is cancelled (kept on the timeline).' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}

export class ReportEventDto {
  @ApiProperty({ example: 'travel-document-issued', description: "An event type of the case's SOP (see GET /sops/:id)." })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'type must be an event type such as travel-document-issued' })
  type: string;

  @ApiProperty({ example: {}, description: "The event's form." })
  @IsObject()
  data: Record<string, unknown>;
}
