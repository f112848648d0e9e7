import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import type { CaseKeyring } from './keyring';

/** PostgreSQL channel an erasure notifies (in its transaction, so only on commit); the payload is the case id. */
export const CASE_ERASED_CHANNEL = 'waymark_case_erased';

const RECONNECT_MS = 5_000;

/**
 * Makes every API replica and worker forget an erased case's key as soon as the erasure commits, instead of when
 * its cached copy expires (60 s): one `LISTEN` connection per process. While the connection is down a notification
 * can be missed, so each (re)connection empties the key cache, and the cache's own expiry still bounds the rest.
 */
export class ErasureListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ErasureListener');
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly databaseUrl: string,
    private readonly keyring: CaseKeyring,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Listening now (for tests and health). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', (n) => {
      if (n.channel === CASE_ERASED_CHANNEL && n.payload) this.keyring.markErased(n.payload);
    });
    const lost = () => {
      if (this.client === client) this.client = undefined;
      this.reconnectLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CASE_ERASED_CHANNEL}`);
      this.client = client;
      // Erasures committed while no connection listened went unheard: drop every cached key.
      this.keyring.forgetAll();
    } catch (err) {
      // Only the error's class: a driver message can carry connection details.
      this.logger.warn({
        msg: 'erasure listener not connected; retrying',
        errorClass: err instanceof Error ? err.constructor.name : typeof err,
      });
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
