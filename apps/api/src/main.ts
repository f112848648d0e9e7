import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { loadEnv, WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { JsonLogger } from '@waymark/logging';
import { AppModule } from './app.module';
import { MetricsService } from './metrics/metrics.service';
import { requestIdMiddleware } from './common/request-id.middleware';
import { createValidationPipe } from './common/validation';
import { createOpenApiDocument } from './common/openapi';
import { codecCors } from './codec/codec-cors';
import { serveWebApp } from './web-static';
import { applyServerTimeouts, installHttpHardening } from './http/install';
import { methodNotAllowed } from './http/method-not-allowed';
import { installGracefulShutdown } from './http/graceful-shutdown';

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const logger = new JsonLogger('api', env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger,
    // The JSON body parser is ours (src/http/json-body.ts): limits, depth, encodings, hostile keys.
    bodyParser: false,
  });
  const metrics = app.get(MetricsService);
  app.use(
    requestIdMiddleware(logger, (method, route, status, seconds) =>
      metrics.httpDuration.observe({ method, route, status: String(status) }, seconds),
    ),
  );
  installHttpHardening(app, env);
  // One OpenAPI document, built on first use: served at /docs-json and used to answer 405 with Allow.
  let openApi: OpenAPIObject | undefined;
  const openApiDocument = (): OpenAPIObject => (openApi ??= createOpenApiDocument(app));
  app.use(methodNotAllowed(() => openApiDocument().paths as Record<string, Record<string, unknown>>));
  // Before routing, so the Web UI's preflight (OPTIONS, no token) is answered here.
  app.use('/codec', codecCors(app.get<WaymarkConfig>(WAYMARK_CONFIG).codecCorsOrigins));
  const webServed = serveWebApp(app.getHttpAdapter().getInstance(), env.WEB_DIST_DIR);
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('docs', app, openApiDocument, { jsonDocumentUrl: 'docs-json' });

  await app.listen(env.API_PORT, env.API_HOST);
  applyServerTimeouts(app.getHttpServer(), env);
  // Instead of Nest's shutdown hooks: requests in flight finish first, then the hooks run (graceful-shutdown.ts).
  installGracefulShutdown(app, logger);
  logger.log({ msg: 'api listening', url: `http://${env.API_HOST}:${env.API_PORT}`, webApp: webServed }, 'bootstrap');
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(`api failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
