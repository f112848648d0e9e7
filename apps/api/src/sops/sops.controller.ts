import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainException } from '@waymark/contracts';
import { SOPS, sopById } from '@waymark/workflows/sops';
import { describeSop } from './sop-description';
import { ApiErrors } from '../common/api-errors';

@ApiTags('sops')
@ApiBearerAuth()
@Controller('sops')
export class SopsController {
  @Get()
  @ApiErrors('auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Every SOP the engine runs' })
  list() {
    return {
      items: SOPS.map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary, seed: s.seed })),
    };
  }

  @Get(':id')
  @ApiErrors('auth', 'notFound')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary: "An SOP's description generated from its declaration: steps, roles, forms, targets, diagram",
  })
  get(@Param('id') id: string) {
    const sop = sopById(id);
    if (!sop) throw new DomainException('not_found', 'No SOP with this id; see GET /sops.');
    return describeSop(sop);
  }
}
