import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import { CurrentActor } from '../auth/actor';
import { uuidParam } from '../common/uuid-param';
import { EraseCaseDto } from './erase-case.dto';
import { ErasureService } from './erasure.service';
import { ApiErrors, ApiUuidParam } from '../common/api-errors';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post(':id/erase')
  @ApiErrors('input', 'body', 'auth', 'forbidden', 'notFound', 'gone', 'workflow')
  @ApiOkResponse({ description: 'OK' })
  @ApiUuidParam()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Erase a case: terminate its workflows, destroy its data key, redact the read model (data-protection-officer or platform-admin of the lead agency; see GET /policy caseActions)',
  })
  erase(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: EraseCaseDto) {
    return this.erasure.erase(actor, id, dto.reason);
  }
}
