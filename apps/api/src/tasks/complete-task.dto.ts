import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsObject, IsString, Matches, MaxLength } from 'class-validator';

export class CompleteTaskDto {
  @ApiProperty({
    example: { ready: true },
    description: "The step's form (see the step's JSON Schema in GET /sops/:id).",
  })
  @IsObject()
  form: Record<string, unknown>;
}

export class ExtendDeadlineDto {
  @ApiProperty({
    example: '2026-12-01T17:00:00Z',
    format: 'date-time',
    description: 'The new due date, later than the current one.',
  })
  @IsISO8601({ strict: true }, { message: 'dueAt must be an ISO 8601 date-time' })
  dueAt: string;

  @ApiProperty({
    example: 'Interpreter only available next week',
    description: 'Why the deadline moves (kept on the timeline).',
    pattern: '\\S',
    maxLength: 500,
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(500)
  reason: string;
}

export class AssignTaskDto {
  @ApiProperty({
    example: 'demo-b-caseworker-2',
    pattern: '^[A-Za-z0-9._@-]{1,128}$',
    description: 'The colleague who takes the task over: one of `GET /tasks/:id/assignees`.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,128}$/, {
    message: 'assignee must be a person id (1 to 128 letters, digits or . _ @ -)',
  })
  assignee: string;
}
