import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TimelinessQueryDto } from './timeliness-query.dto';

export class TimelinessExportQueryDto extends TimelinessQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'], { message: 'format must be csv or json' })
  format: 'csv' | 'json' = 'csv';
}
