import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { loadEnv } from '@waymark/config';
import { JsonLogger } from '@waymark/logging';
import { WorkerHeartbeatService } from './worker-heartbeat.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const logger = new JsonLogger('worker', env.LOG_LEVEL);
  // The SDK's own logs go through the same JSON logger as ours.
  Runtime.install({
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      const entry = { msg: message, ...meta };
      if (level === 'ERROR') logger.error(entry, 'temporal');
      else if (level === 'WARN') logger.warn(entry, 'temporal');
      else logger.log(entry, 'temporal');
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) },
      // The SDK's worker metrics (task slots, latencies, polls) in the Prometheus format; the API serves them too.
      ...(env.WORKER_METRICS_PORT
        ? { metrics: { prometheus: { bindAddress: `127.0.0.1:${env.WORKER_METRICS_PORT}` } } }
        : {}),
    },
  });
  // An application context: the worker has no HTTP listener.
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
  // Polling now: the first heartbeat goes out before "ready", so /health/ready sees this worker at once.
  await app.get(WorkerHeartbeatService).beat();
  logger.log({ msg: 'worker ready' }, 'bootstrap');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
