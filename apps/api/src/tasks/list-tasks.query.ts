import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { SopStepQuery } from './overdue-tasks.query';

export class ListTasksQuery extends SopStepQuery {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled', 'all'])
  status: 'open' | 'completed' | 'cancelled' | 'all' = 'open';

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
