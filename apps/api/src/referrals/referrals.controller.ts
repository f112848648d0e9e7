import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { ApiErrors, ApiUuidParam, IDEMPOTENCY_KEY_SCHEMA } from '../common/api-errors';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { uuidParam } from '../common/uuid-param';
import { ReferralDecisionDto, ReferralStatusDto, SendReferralDto } from './referral.dto';
import { IncomingReferralsService } from './incoming-referrals.service';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('cases/:id/referrals')
export class CaseReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @ApiErrors('input', 'body', 'auth', 'notFound', 'conflict', 'idempotent', 'gone')
  @ApiCreatedResponse({ description: 'The referral: its id and state `sending` (delivery runs in the background)' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'Refer the person to an agency of a partner deployment abroad',
    description:
      "The packet carries only the receiving SOP's intake fields, under the person's active sharing consent naming " +
      "the partner's agency (`sharedWithPartner`) with a scope covering each field's category. It is signed, " +
      'encrypted to the partner and delivered until acknowledged (docs/referral-protocol.md).',
  })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  send(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: SendReferralDto) {
    return this.referrals.send(actor, id, dto);
  }

  @Get()
  @ApiErrors('input', 'auth', 'notFound', 'gone')
  @ApiOkResponse({ description: "The case's referrals abroad: state, attempts, overdue flags and history" })
  @ApiUuidParam()
  @ApiOperation({ summary: 'Referrals sent from this case to partner deployments, and where each stands' })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.referrals.list(actor, id);
  }
}

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals/incoming')
export class IncomingReferralsController {
  constructor(private readonly incoming: IncomingReferralsService) {}

  @Get()
  @ApiErrors('auth')
  @ApiOkResponse({ description: 'Referrals received by your agency, newest first, with their decision target' })
  @ApiOperation({ summary: 'Referrals received from partner deployments (your agency’s)' })
  list(@CurrentActor() actor: Actor) {
    return this.incoming.list(actor);
  }

  @Get(':id')
  @ApiErrors('input', 'auth', 'notFound')
  @ApiOkResponse({ description: "The referral with the packet's fields (null once erased or declined)" })
  @ApiUuidParam()
  @ApiOperation({ summary: 'One received referral and its fields' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string) {
    return this.incoming.get(actor, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiErrors('input', 'body', 'auth', 'notFound', 'conflict')
  @ApiOkResponse({ description: 'Accepted (with the started case) or declined; the sender is told' })
  @ApiUuidParam()
  @ApiOperation({
    summary: 'Accept or decline a received referral',
    description:
      "Accepting starts the receiving SOP's case with the packet's fields as its intake, your agency in the slot of " +
      'its kind. Declining needs a reason code and destroys the received data. Repeat-safe.',
  })
  decide(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: ReferralDecisionDto) {
    return this.incoming.decide(actor, id, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiErrors('input', 'body', 'auth', 'notFound', 'conflict')
  @ApiOkResponse({ description: 'The new state; the sender is told' })
  @ApiUuidParam()
  @ApiOperation({ summary: 'Tell the sender the person arrived, or the case closed' })
  status(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: ReferralStatusDto) {
    return this.incoming.status(actor, id, dto);
  }
}
