import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { ApiErrors, ApiUuidParam, IDEMPOTENCY_KEY_SCHEMA } from '../common/api-errors';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { uuidParam } from '../common/uuid-param';
import { CaseLinksService } from './case-links.service';
import { LinkCaseDto } from './start-case.dto';

const uuid = uuidParam();

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseLinksController {
  constructor(private readonly links: CaseLinksService) {}

  @Get(':id/links')
  @ApiErrors('input', 'auth', 'notFound', 'gone')
  @ApiOkResponse({ description: "The case's links: the other case's id and SOP, the relation and the direction" })
  @ApiUuidParam()
  @ApiOperation({ summary: 'Cases linked to this one' })
  list(@CurrentActor() actor: Actor, @Param('id', uuid) id: string) {
    return this.links.list(actor, id);
  }

  @Post(':id/links')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'conflict', 'idempotent', 'gone')
  @ApiOkResponse({ description: 'The link (`created: false` when the two cases were already linked so)' })
  @ApiUuidParam()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link this case by hand to another case (same operation, same family, follow-on)',
    description:
      "Only the lead agency's coordinator (ACCESS_POLICY.caseActions), to a case its agency takes part in (404 " +
      'otherwise); 409 for the case itself. Both cases show the link (id and SOP only); access stays per case.',
  })
  @ApiHeader({ name: 'idempotency-key', schema: IDEMPOTENCY_KEY_SCHEMA, required: false, description: 'Repeat-safe.' })
  @UseInterceptors(IdempotencyInterceptor)
  link(@CurrentActor() actor: Actor, @Param('id', uuid) id: string, @Body() dto: LinkCaseDto) {
    return this.links.link(actor, id, dto);
  }
}
