import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class EraseCaseDto {
  @ApiProperty({
    example: 'Erasure request under GDPR Art. 17',
    description: 'Why the case is erased (stored, never returned).',
    pattern: '\\S',
    maxLength: 500,
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}
