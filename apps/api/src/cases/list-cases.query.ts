import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../common/page.query';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['open', 'completed', 'cancelled'])
  status?: 'open' | 'completed' | 'cancelled';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  sop?: string;

  @ApiPropertyOptional({
    description:
      'The Idempotency-Key a `POST /cases` was sent with: lists the case that request created (recorded before its ' +
      'workflow started), if any, so a client whose request died half-way finds its case.',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,200}$/, {
    message: 'must be 1 to 200 characters of letters, digits, ".", "_", ":" or "-"',
  })
  idempotencyKey?: string;
}
