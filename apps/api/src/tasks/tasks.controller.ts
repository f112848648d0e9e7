import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { uuidParam } from '../common/uuid-param';
import { CompleteTaskDto, ExtendDeadlineDto } from './complete-task.dto';
import { ListTasksQuery } from './list-tasks.query';
import { TasksService } from './tasks.service';
import { WorkflowUpdateRoute } from '../common/workflow-update.decorator';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: "Your agency's inbox (tasks for a role you hold)" })
  list(@CurrentActor() actor: Actor, @Query() q: ListTasksQuery) {
    return this.tasks.list(actor, q);
  }

  @Post(':id/claim')
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task so colleagues in your agency see that you are on it' })
  claim(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.tasks.claim(actor, id);
  }

  @Post(':id/extend')
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: "A supervisor extends a task's deadline, with a reason" })
  @UseInterceptors(IdempotencyInterceptor)
  extend(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: ExtendDeadlineDto) {
    return this.tasks.extend(actor, id, dto.dueAt, dto.reason);
  }

  @Post(':id/complete')
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task with its form; the SOP moves to its next step' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe: a retry with the same key completes once.',
  })
  @UseInterceptors(IdempotencyInterceptor)
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Body() dto: CompleteTaskDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.tasks.complete(actor, id, dto.form, idempotencyKey);
  }
}
