import {
  Global,
  Inject,
  Injectable,
  Module,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { temporalTlsOptions } from './tls';

export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** The payload codec the client encodes and decodes with (the API provides the case codec under this token). */
export const TEMPORAL_PAYLOAD_CODEC = Symbol('TEMPORAL_PAYLOAD_CODEC');

export async function connectTemporal(config: WaymarkConfig): Promise<Connection> {
  return Connection.connect({ address: config.temporalAddress, tls: temporalTlsOptions(config.env) });
}

@Injectable()
export class TemporalClientHolder implements OnModuleInit, OnApplicationShutdown {
  private connection?: Connection;
  private clientPromise?: Promise<Client>;

  constructor(
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
    @Optional() @Inject(TEMPORAL_PAYLOAD_CODEC) private readonly codec?: PayloadCodec,
  ) {}

  /** A TLS setting that cannot work stops the API at boot, not at its first Temporal call. */
  onModuleInit(): void {
    temporalTlsOptions(this.config.env);
  }

  /** Lazy, so the API can boot (and report Temporal as down on /health) while Temporal is unreachable. */
  client(): Promise<Client> {
    this.clientPromise ??= connectTemporal(this.config)
      .then((connection) => {
        this.connection = connection;
        return new Client({
          connection,
          namespace: this.config.env.TEMPORAL_NAMESPACE,
          ...(this.codec ? { dataConverter: { payloadCodecs: [this.codec] } } : {}),
        });
      })
      .catch((err: unknown) => {
        this.clientPromise = undefined;
        throw err;
      });
    return this.clientPromise;
  }

  /**
   * Runs `fn` with every Temporal call in it bounded by WORKFLOW_UPDATE_TIMEOUT_MS. An update waits for a worker to
   * take it; when none polls (all down, or none for the case's task queue) the caller gets
   * `WorkflowUpdateRPCTimeoutOrCancelledError` (503 `unavailable`) instead of a request that never ends.
   */
  async bounded<R>(fn: (client: Client) => Promise<R>): Promise<R> {
    const client = await this.client();
    return client.withDeadline(Date.now() + this.config.env.WORKFLOW_UPDATE_TIMEOUT_MS, () => fn(client));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}

@Global()
@Module({ providers: [TemporalClientHolder], exports: [TemporalClientHolder] })
export class TemporalClientModule {}
