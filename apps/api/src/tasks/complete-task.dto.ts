import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class CompleteTaskDto {
  @ApiProperty({ example: { ready: true }, description: "The step's form (see the step's JSON Schema in GET /sops/:id)." })
  @IsObject()
  form: Record<string, unknown>;
}
