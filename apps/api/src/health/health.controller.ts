import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { WorkerHeartbeatStore } from '@waymark/database';
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
    checks: {
      type: 'object',
      properties: { postgres: CHECK_SCHEMA, temporal: CHECK_SCHEMA, worker: CHECK_SCHEMA },
    },
    message: { type: 'string', example: 'temporal is down' },
  },
};
const CHECK_TIMEOUT_MS = 3000;
/** A worker writes its heartbeat every 5 s (apps/worker/src/worker-heartbeat.service.ts); three missed beats: down. */
export const WORKER_HEARTBEAT_FRESH_MS = 15_000;

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
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
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
    const [postgres, temporal] = await Promise.all([this.postgres(), this.temporalCheck()]);
    return this.answer(res, { postgres, temporal });
  }

  @Get('live')
  @ApiErrors()
  @ApiOkResponse({ description: 'The API process serves requests.', schema: HEALTH_SCHEMA })
  @Public()
  @ApiOperation({
    summary:
      'Liveness (systemd watchdog, Kubernetes livenessProbe): 200 while the process answers; checks nothing else',
  })
  live() {
    return { status: 'up', checks: {} };
  }

  @Get('ready')
  @ApiErrors()
  @ApiOkResponse({
    description: 'PostgreSQL and Temporal answer and a worker of this task queue beat within 15 s.',
    schema: HEALTH_SCHEMA,
  })
  @ApiServiceUnavailableResponse({
    description: 'Something is down: `checks` and `message` name what (postgres, temporal, worker).',
    schema: HEALTH_SCHEMA,
  })
  @Public()
  @ApiOperation({ summary: 'Readiness (Kubernetes readinessProbe): PostgreSQL, Temporal and a live worker' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const heartbeats = new WorkerHeartbeatStore((sql, params) => this.ds.query(sql, params));
    const [postgres, temporal, worker] = await Promise.all([
      this.postgres(),
      this.temporalCheck(),
      this.check(async () => {
        const live = await heartbeats.liveWorkers(this.config.env.TEMPORAL_TASK_QUEUE, WORKER_HEARTBEAT_FRESH_MS);
        if (live === 0) throw new Error('no live worker');
      }),
    ]);
    return this.answer(res, { postgres, temporal, worker });
  }

  private postgres(): Promise<Check> {
    return this.check(() => this.ds.query('SELECT 1'));
  }

  private temporalCheck(): Promise<Check> {
    return this.check(async () => (await this.temporal.client()).workflowService.getSystemInfo({}));
  }

  private answer(res: Response, checks: Record<string, Check>) {
    const down = Object.entries(checks)
      .filter(([, v]) => v === 'down')
      .map(([k]) => k);
    if (down.length > 0) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      res.setHeader('Retry-After', '5');
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
