import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Env } from '@waymark/config';
import compression from 'compression';
import { jsonBody } from './json-body';
import { noStore, securityHeaders } from './security-headers';
import { urlGuard } from './url-guard';

/**
 * The HTTP layer's hardening, installed before any route (call it before the web app's static files and before
 * Nest registers its routes). The app must be created with `bodyParser: false`: `jsonBody` is the only parser.
 */
export function installHttpHardening(app: NestExpressApplication, env: Env): void {
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  express.set('trust proxy', env.HTTP_TRUST_PROXY_HOPS);
  app.use(securityHeaders(env));
  app.use(noStore);
  app.use(urlGuard);
  if (env.HTTP_COMPRESSION) app.use(compression());
  app.use(
    jsonBody({
      limitBytes: env.HTTP_BODY_LIMIT_BYTES,
      maxDepth: env.HTTP_JSON_MAX_DEPTH,
      timeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    }),
  );
}

/** Node's own clocks on the listening server: slow headers and slow requests are cut off. */
export function applyServerTimeouts(server: Server, env: Env): void {
  server.requestTimeout = env.HTTP_REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS);
}
