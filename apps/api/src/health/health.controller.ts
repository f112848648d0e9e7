import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { TemporalClientHolder } from '@waymark/temporal';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/actor';
import { ApiErrors } from '../common/api-errors';

type Check = 'up' | 'down';
const CHECK_SCHEMA = { type: 'string', enum: ['up', 'down'] };
/** /health's own body (not the ErrorBody, also when 503): what answers and what does not. */
const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: CHECK_SCHEMA,
    checks: { type: 'object', properties: { postgres: CHECK_SCHEMA, temporal: CHECK_SCHEMA } },
    message: { type: 'string', example: 'temporal is down' },
  },
};
const CHECK_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS).unref()),
  ]);
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientHolder,
  ) {}

  @Get()
  @ApiErrors()
  @ApiOkResponse({ description: 'PostgreSQL and Temporal answer.', schema: HEALTH_SCHEMA })
  @ApiServiceUnavailableResponse({
    description: 'One or both are down: `checks` and `message` name which.',
    schema: HEALTH_SCHEMA,
  })
  @Public()
  @ApiOperation({ summary: 'PostgreSQL and Temporal reachability; 503 names what is down' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [postgres, temporal] = await Promise.all([
      this.check(() => this.ds.query('SELECT 1')),
      this.check(async () => (await this.temporal.client()).workflowService.getSystemInfo({})),
    ]);
    const checks = { postgres, temporal };
    const down = Object.entries(checks)
      .filter(([, v]) => v === 'down')
      .map(([k]) => k);
    if (down.length > 0) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', checks, message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` };
    }
    return { status: 'up', checks };
  }

  private async check(probe: () => Promise<unknown>): Promise<Check> {
    try {
      await withTimeout(probe());
      return 'up';
    } catch {
      return 'down';
    }
  }
}
