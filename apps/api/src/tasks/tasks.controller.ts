import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { uuidParam } from '../common/uuid-param';
import { AssignTaskDto, CompleteTaskDto, ExtendDeadlineDto } from './complete-task.dto';
import { TaskAssignmentService } from './task-assignment.service';
import { ListTasksQuery } from './list-tasks.query';
import { OverdueTasksQuery } from './overdue-tasks.query';
import { TasksService } from './tasks.service';
import { WorkflowUpdateRoute } from '../common/workflow-update.decorator';
import { ApiErrors, ApiUuidParam, IDEMPOTENCY_KEY_SCHEMA } from '../common/api-errors';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly assignment: TaskAssignmentService,
  ) {}

  @Get()
  @ApiErrors('input', 'auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: "Your agency's inbox (tasks for a role you hold)" })
  list(@CurrentActor() actor: Actor, @Query() q: ListTasksQuery) {
    return this.tasks.list(actor, q);
  }

  @Get('overdue')
  @ApiErrors('input', 'auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary: "Your agency's open tasks past their due date, whoever holds them (managers and supervisors)",
  })
  overdue(@CurrentActor() actor: Actor, @Query() q: OverdueTasksQuery) {
    return this.tasks.overdue(actor, q);
  }

  @Post(':id/claim')
  @ApiErrors('input', 'auth', 'forbidden', 'notFound', 'conflict', 'gone', 'workflow')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task so colleagues in your agency see that you are on it' })
  claim(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.tasks.claim(actor, id);
  }

  @Get(':id/assignees')
  @ApiErrors('input', 'auth', 'forbidden', 'notFound', 'conflict', 'gone')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'Who holds the task and the colleagues with a role it needs, to hand it to (supervisors of its agency)',
  })
  assignees(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.assignment.assignees(actor, id);
  }

  @Post(':id/release')
  @ApiErrors('input', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a claimed task back to the agency (its holder, or a supervisor)' })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  release(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.assignment.release(actor, id);
  }

  @Post(':id/assign')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'A supervisor hands the task to a colleague with a role it needs' })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: AssignTaskDto) {
    return this.assignment.assign(actor, id, dto.assignee);
  }

  @Post(':id/extend')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: "A supervisor extends a task's deadline, with a reason" })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  extend(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: ExtendDeadlineDto) {
    return this.tasks.extend(actor, id, dto.dueAt, dto.reason);
  }

  @Post(':id/complete')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a task with its form; the SOP moves to its next step' })
  @ApiHeader({
    name: 'idempotency-key',
    schema: IDEMPOTENCY_KEY_SCHEMA,
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
