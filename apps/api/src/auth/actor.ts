import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@waymark/contracts';
import type { Request } from 'express';

export type AuthenticatedRequest = Request & { actor?: Actor };

export const IS_PUBLIC = 'waymark:isPublic';
/** Routes anyone may call without a token: health and API docs only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ACCEPTS_CODEC_SESSION = 'waymark:acceptsCodecSession';
/**
 * Routes that also take the codec session cookie (Temporal's Web UI in an operator's browser), when no bearer token
 * is sent and the request comes from the Web UI's configured origin: the codec's decode and encode only.
 */
export const AcceptsCodecSession = () => SetMetadata(ACCEPTS_CODEC_SESSION, true);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  // The global guard has run; a route reached without an actor is a wiring bug, not a client error.
  if (!req.actor) throw new Error('route reached without an authenticated actor');
  return req.actor;
});

/** Metrics routes: besides bearer tokens, they accept the scraper's METRICS_TOKEN (compared in constant time). */
export const ACCEPTS_METRICS_TOKEN = 'waymark:acceptsMetricsToken';
export const AcceptsMetricsToken = () => SetMetadata(ACCEPTS_METRICS_TOKEN, true);

/** The pseudo-role a request authenticated with METRICS_TOKEN carries (it grants nothing but /metrics). */
export const METRICS_SCRAPER_ROLE = 'metrics-scraper';
