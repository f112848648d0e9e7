import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

export class ListTasksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled', 'all'])
  status: 'open' | 'completed' | 'cancelled' | 'all' = 'open';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  sop?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  step?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    pattern: '^[A-Za-z0-9-]{1,16}$',
    description: "A person's code within the case (e.g. W1) for per-person tasks.",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,16}$/, { message: 'subject must be a person code such as W1' })
  subject?: string;
}
