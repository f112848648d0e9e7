import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { dispatchDueWebhooks, webhookTargetPolicy, type WebhookTargetPolicy } from '@waymark/notifications';
import { DataSource } from 'typeorm';

const POLL_MS = 1000;

/**
 * Drains the webhook outbox once a second; a round never overlaps the previous one. Only counts are logged: a
 * delivery is a success or a failure, never the target's status or error text.
 */
@Injectable()
export class WebhookDispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private readonly policy: WebhookTargetPolicy;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) config: WaymarkConfig,
  ) {
    this.policy = webhookTargetPolicy(config.env);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.round) return;
      this.round = dispatchDueWebhooks(this.ds, { policy: this.policy })
        .then((r) => {
          if (r.attempted > 0)
            this.logger.log({ msg: 'webhook deliveries', attempted: r.attempted, delivered: r.delivered });
        })
        .catch((err: unknown) =>
          // Class and SQLSTATE only: driver messages can carry row values.
          this.logger.warn({
            msg: 'webhook round failed',
            errorClass: err instanceof Error ? err.name : typeof err,
            code: (err as { code?: string }).code,
          }),
        )
        .finally(() => {
          this.round = undefined;
        });
    }, POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }
}
