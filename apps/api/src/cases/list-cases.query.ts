import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { IsIn, IsOptional, IsString } from 'class-validator';

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled'])
  status?: 'open' | 'completed' | 'cancelled';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  sop?: string;
}
