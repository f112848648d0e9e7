import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainException, type Actor } from '@waymark/contracts';
import { AcceptsMetricsToken, CurrentActor, METRICS_SCRAPER_ROLE } from '../auth/actor';
import { MetricsService } from './metrics.service';
import { ApiErrors } from '../common/api-errors';

/** Who may read /metrics: the scraper's METRICS_TOKEN, or an operator's or platform admin's bearer token. */
export const METRICS_ROLES = [METRICS_SCRAPER_ROLE, 'operator', 'platform-admin'];

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiErrors('auth', 'forbidden')
  @ApiOkResponse({ description: 'OK' })
  @AcceptsMetricsToken()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'Prometheus metrics (SOP and step ids only; no personal data). Bearer METRICS_TOKEN, or a token with role operator or platform-admin',
  })
  render(@CurrentActor() actor: Actor) {
    if (!actor.roles.some((role) => METRICS_ROLES.includes(role))) {
      throw new DomainException('forbidden', `Metrics need one of the roles ${METRICS_ROLES.join(', ')}.`);
    }
    return this.metrics.render();
  }
}
