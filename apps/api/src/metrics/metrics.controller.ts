import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/actor';
import { MetricsService } from './metrics.service';
import { ApiErrors } from '../common/api-errors';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiErrors()
  @ApiOkResponse({ description: 'OK' })
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics (SOP and step ids only; no personal data)' })
  render() {
    return this.metrics.render();
  }
}
