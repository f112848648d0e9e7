import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@waymark/contracts';
import type { Response } from 'express';
import { CurrentActor } from '../auth/actor';
import { exportFileName, renderExportCsv } from './timeliness-export';
import { TimelinessExportQueryDto } from './timeliness-export-query.dto';
import { TimelinessQueryDto } from './timeliness-query.dto';
import { TimelinessService } from './timeliness.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('timeliness')
@ApiBearerAuth()
@Controller('timeliness')
export class TimelinessController {
  constructor(private readonly timeliness: TimelinessService) {}

  @Get()
  @ApiErrors('input', 'auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({
    summary:
      "Your agency's timeliness per SOP step (managers and supervisors), or with agencyId a counterpart's steps in the cases you share",
  })
  dashboard(@CurrentActor() actor: Actor, @Query() q: TimelinessQueryDto) {
    return this.timeliness.dashboard(actor, q);
  }

  @Get('counterparts')
  @ApiErrors('auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Agencies your agency shares cases with: pass one as agencyId to GET /timeliness' })
  counterparts(@CurrentActor() actor: Actor) {
    return this.timeliness.counterparts(actor);
  }

  @Get('export')
  @ApiErrors('input', 'auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @ApiOperation({ summary: 'Anonymised statistics by SOP, step and month, with small cells withheld (CSV or JSON)' })
  @ApiProduces('text/csv', 'application/json')
  async export(
    @CurrentActor() actor: Actor,
    @Query() q: TimelinessExportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const data = await this.timeliness.export(actor, q);
    res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(data, q.format)}"`);
    // An export is a file to hand on, not something a proxy or browser should keep.
    res.setHeader('Cache-Control', 'no-store');
    if (q.format === 'json') return data;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return renderExportCsv(data);
  }
}
