import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../common/page.query';

/** The SOP and step filters the inbox and the overdue list share, with paging. */
export class SopStepQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  sop?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  step?: string;
}

/** `GET /tasks/overdue`: the agency's open tasks past their due date, for its managers and supervisors. */
export class OverdueTasksQuery extends SopStepQuery {}
