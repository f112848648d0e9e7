import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainException } from '@waymark/contracts';
import { describeSop } from './sop-description';
import { ApiErrors } from '../common/api-errors';
import { SopOverlays } from './sop-overlays';

@ApiTags('sops')
@ApiBearerAuth()
@Controller('sops')
export class SopsController {
  constructor(private readonly overlays: SopOverlays) {}

  @Get()
  @ApiErrors('auth')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Every SOP the engine runs' })
  list() {
    return {
      items: this.overlays
        .all()
        .map((s) => ({ id: s.id, version: s.version, title: s.title, summary: s.summary, seed: s.seed })),
      overlay: this.overlays.summary() ?? null,
    };
  }

  @Get(':id')
  @ApiErrors('auth', 'notFound')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary: "An SOP's description generated from its declaration: steps, roles, forms, targets, diagram",
  })
  get(@Param('id') id: string) {
    const sop = this.overlays.sop(id);
    if (!sop) throw new DomainException('not_found', 'No SOP with this id; see GET /sops.');
    // As this deployment runs new cases of it: the declaration with the jurisdiction overlay applied.
    return { ...describeSop(sop), overlay: this.overlays.summary() ?? null };
  }
}
