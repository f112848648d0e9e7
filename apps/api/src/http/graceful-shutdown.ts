import type { INestApplication, LoggerService } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How long in-flight requests get to finish after SIGTERM before their connections are closed. */
export const DRAIN_MS = 8_000;

/**
 * SIGTERM/SIGINT for the API: stop accepting connections, let the requests in flight finish (up to DRAIN_MS) with
 * `Connection: close` on every answer from then on, close what is left (idle keep-alive connections never end on
 * their own, and Node's `server.close()` would wait for them), then close the Nest application (its hooks close the
 * Temporal client and the database pool, which in-flight requests still needed) and exit.
 */
export function installGracefulShutdown(app: INestApplication, logger: LoggerService): void {
  const server = app.getHttpServer() as Server;
  let inFlight = 0;
  let draining = false;
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => inFlight--);
  });
  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    logger.log({ msg: 'stopping: draining requests in flight', signal, inFlight }, 'shutdown');
    server.close();
    server.closeIdleConnections();
    while (inFlight > 0 && Date.now() - started < DRAIN_MS) {
      await new Promise((r) => setTimeout(r, 50));
      server.closeIdleConnections();
    }
    const cut = inFlight;
    server.closeAllConnections();
    await app.close().catch(() => undefined);
    logger.log({ msg: 'stopped', ms: Date.now() - started, requestsCut: cut }, 'shutdown');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
