import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { IdempotencyInterceptor, ResourceIdClaim, type ClaimResourceId } from '../common/idempotency.interceptor';
import { uuidParam } from '../common/uuid-param';
import { CasesService } from './cases.service';
import { ListCasesQuery } from './list-cases.query';
import { CancelCaseDto, CaseNoteDto, ChangeParticipantDto, ReportEventDto, StartCaseDto } from './start-case.dto';
import { CaseParticipantsService } from './case-participants.service';
import { WorkflowUpdateRoute } from '../common/workflow-update.decorator';
import { ApiErrors, ApiUuidParam, IDEMPOTENCY_KEY_SCHEMA } from '../common/api-errors';

const uuid = uuidParam();

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly participants: CaseParticipantsService,
  ) {}

  @Post()
  @ApiErrors('body', 'auth', 'forbidden', 'conflict', 'idempotent', 'workflow')
  @ApiCreatedResponse({ description: 'Created' })
  @ApiOperation({ summary: 'Start a case of an SOP' })
  @ApiHeader({
    name: 'idempotency-key',
    schema: IDEMPOTENCY_KEY_SCHEMA,
    required: false,
    description:
      'Repeat-safe: the same key returns the same case, also when the first attempt died half-way (after ' +
      'IDEMPOTENCY_LEASE_MS a retry completes it). `GET /cases?idempotencyKey=` finds the case a key created.',
  })
  @UseInterceptors(IdempotencyInterceptor)
  start(@CurrentActor() actor: Actor, @Body() dto: StartCaseDto, @ResourceIdClaim() claim: ClaimResourceId) {
    return this.cases.start(actor, dto, claim);
  }

  @Get()
  @ApiErrors('input', 'auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Cases your agency takes part in' })
  list(@CurrentActor() actor: Actor, @Query() q: ListCasesQuery) {
    return this.cases.list(actor, q);
  }

  @Get(':id')
  @ApiErrors('input', 'auth', 'notFound', 'gone')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'A case: state, open tasks, timeline and the compartments you may read',
    description:
      'Compartments the access policy withholds from you are absent and listed in `redacted` as `compartment:<name>`.',
  })
  get(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.cases.get(actor, id);
  }

  @Post(':id/events')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiAcceptedResponse({ description: "Accepted: the case's workflow took the request" })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(202)
  @ApiOperation({ summary: 'Report a fact from outside any inbox (travel document issued, arrival confirmed, …)' })
  @ApiHeader({
    name: 'idempotency-key',
    schema: IDEMPOTENCY_KEY_SCHEMA,
    required: false,
    description: 'Repeat-safe: the same key reports once.',
  })
  @UseInterceptors(IdempotencyInterceptor)
  reportEvent(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Body() dto: ReportEventDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.cases.reportEvent(actor, id, dto.type, dto.data, idempotencyKey);
  }

  @Post(':id/notes')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone')
  @ApiCreatedResponse({ description: 'Created' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'Add a note to one compartment of a case',
    description:
      'Allowed when the access policy (GET /policy) lets your agency kind and role write the compartment in this SOP; 403 naming the compartment otherwise.',
  })
  @ApiHeader({
    name: 'idempotency-key',
    schema: IDEMPOTENCY_KEY_SCHEMA,
    required: false,
    description: 'Repeat-safe: the same key records the note once.',
  })
  @UseInterceptors(IdempotencyInterceptor)
  addNote(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: CaseNoteDto) {
    return this.cases.addNote(actor, id, dto);
  }

  @Post(':id/cancel')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiAcceptedResponse({ description: "Accepted: the case's workflow took the request" })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel a case with a reason',
    description:
      "Only the lead agency's coordinator (ACCESS_POLICY.caseActions, GET /policy): 403 naming the lead and the roles " +
      'otherwise; 404 for an agency taking no part in the case.',
  })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  cancel(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: CancelCaseDto) {
    return this.cases.cancel(actor, id, dto.reason);
  }

  @Post(':id/participants')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone', 'workflow')
  @ApiOkResponse({ description: "The agency fills the slot from now on; the slot's open tasks moved to it" })
  @ApiUuidParam()
  @WorkflowUpdateRoute()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put another agency in a participant slot while the case runs',
    description:
      "Only the lead agency's coordinator (ACCESS_POLICY.caseActions), only for the slots the SOP lets change. The " +
      'agency must be registered and of a kind the slot takes (400 naming the field). Its open tasks in the slot ' +
      'move to the new agency, later tasks open for it, and the agency replaced loses access at once.',
  })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  changeParticipant(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: ChangeParticipantDto) {
    return this.participants.change(actor, id, dto);
  }
}
