import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../common/page.query';

/** `GET /tasks/overdue`: the agency's open tasks past their due date, for its managers and supervisors. */
export class OverdueTasksQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  sop?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  step?: string;
}
