import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { ApiErrors, ApiUuidParam, IDEMPOTENCY_KEY_SCHEMA } from '../common/api-errors';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { uuidParam } from '../common/uuid-param';
import { BreakGlassDto } from './break-glass.dto';
import { BreakGlassService } from './break-glass.service';
import { AccessReportService } from './access-report.service';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('cases/:id')
export class BreakGlassController {
  constructor(
    private readonly breakGlass: BreakGlassService,
    private readonly accessReport: AccessReportService,
  ) {}

  @Get('access-report')
  @ApiErrors('input', 'auth', 'forbidden', 'notFound', 'gone')
  @ApiOkResponse({
    description:
      'Which agencies could see which compartments and data categories now, the consents and break-glass grants, ' +
      'and who read the case (from the audit log)',
  })
  @ApiUuidParam()
  @ApiOperation({
    summary: "The person's access report for this case (lead coordinators and data-protection officers)",
  })
  report(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.accessReport.report(actor, id);
  }

  @Post('break-glass')
  @ApiErrors('input', 'body', 'auth', 'notFound', 'conflict', 'idempotent', 'gone')
  @ApiCreatedResponse({ description: 'The grant: its id, agency and expiry (the reason is kept, never logged)' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'Break-glass: read what consent withholds, for a limited time, with a reason',
    description:
      'For an agency taking part in an open case that needs data it cannot see (imminent danger). The grant runs ' +
      '`minutes` (15 to 1440, default 240); the lead agency is notified at once; the request is audited and listed ' +
      "in the person's access report. What the agency's kind may never read (the story for the police, the police's " +
      'intelligence for an NGO) stays withheld.',
  })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  open(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: BreakGlassDto) {
    return this.breakGlass.open(actor, id, dto);
  }

  @Get('break-glass')
  @ApiErrors('input', 'auth', 'notFound', 'gone')
  @ApiOkResponse({ description: "The case's grants; the reason only for the lead agency and the grant's own agency" })
  @ApiUuidParam()
  @ApiOperation({ summary: "A case's break-glass grants, running and ended" })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.breakGlass.list(actor, id);
  }

  @Post('break-glass/:grantId/end')
  @ApiErrors('input', 'auth', 'forbidden', 'notFound', 'conflict', 'gone')
  @ApiOkResponse({ description: 'The ended grant' })
  @ApiUuidParam()
  @ApiUuidParam('grantId')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a running grant early (the lead agency or the agency holding it)' })
  end(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('grantId', uuidParam('grantId')) grantId: string,
  ) {
    return this.breakGlass.end(actor, id, grantId);
  }
}
