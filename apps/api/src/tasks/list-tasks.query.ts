import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';

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

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  caseId?: string;
}
