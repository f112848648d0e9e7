import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { uuidParam } from '../common/uuid-param';
import { RecordConsentDto, WithdrawConsentDto } from './consent.dto';
import { ConsentsService } from './consents.service';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('cases/:id/consents')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a consent (purpose, data scopes, form, who gave it) in a case your agency takes part in',
  })
  record(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: RecordConsentDto) {
    return this.consents.record(actor, id, dto);
  }

  @Get()
  @ApiOperation({ summary: "A case's consent records, active and withdrawn" })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.consents.list(actor, id);
  }

  @Post(':consentId/withdraw')
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
