import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { WorkerHeartbeatStore } from '@waymark/database';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { TemporalWorkerService } from './temporal-worker.service';

export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Writes this process's heartbeat row every 5 s while its Temporal Worker runs, so the API's `/health/ready` can tell
 * a live worker from a dead or failed one. A beat that cannot be written (PostgreSQL away) is skipped, not fatal.
 */
@Injectable()
export class WorkerHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHeartbeat');
  /** No personal data: the host name and a random suffix, so replicas on one host differ. */
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly store: WorkerHeartbeatStore;
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
    private readonly worker: TemporalWorkerService,
  ) {
    this.store = new WorkerHeartbeatStore((sql, params) => ds.query(sql, params));
  }

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes a beat now (main.ts does so once the worker polls, before it reports ready). */
  async beat(): Promise<void> {
    if (!this.worker.polling) return;
    try {
      await this.store.beat(this.workerId, this.config.env.TEMPORAL_TASK_QUEUE);
      if (this.failing) this.logger.log({ msg: 'heartbeat written again' });
      this.failing = false;
    } catch (err) {
      if (!this.failing) {
        this.logger.warn({
          msg: 'heartbeat not written; retrying',
          errorClass: err instanceof Error ? err.constructor.name : typeof err,
        });
      }
      this.failing = true;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.store.remove(this.workerId).catch(() => undefined);
  }
}
