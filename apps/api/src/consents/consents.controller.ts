import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { uuidParam } from '../common/uuid-param';
import { RecordConsentDto, WithdrawConsentDto } from './consent.dto';
import { ConsentsService } from './consents.service';
import { ApiErrors, ApiUuidParam } from '../common/api-errors';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('cases/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'gone')
  @ApiCreatedResponse({ description: 'Created' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'Record a consent (purpose, data scopes, form, who gave it) in a case your agency takes part in',
  })
  record(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: RecordConsentDto) {
    return this.consents.record(actor, id, dto);
  }

  @Get()
  @ApiErrors('input', 'auth', 'notFound', 'gone')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @ApiOperation({ summary: "A case's consent records, active and withdrawn" })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.consents.list(actor, id);
  }

  @Post(':consentId/withdraw')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'gone')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @ApiUuidParam('consentId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a consent; the other agencies in the case are notified (ids only)' })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam()) id: string,
    @Param('consentId', uuidParam('consentId')) consentId: string,
    @Body() dto: WithdrawConsentDto,
  ) {
    return this.consents.withdraw(actor, id, consentId, dto.reason);
  }
}
