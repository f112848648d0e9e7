import { Injectable, Module, type ExecutionContext } from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import { WAYMARK_CONFIG, type Env, type WaymarkConfig } from '@waymark/config';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/actor';

/** Token issuing and sign-in-like routes: few per IP, whatever the caller claims to be. */
export const TOKEN_ROUTES: ReadonlySet<string> = new Set(['POST /auth/dev-token', 'POST /codec/session']);
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

const request = (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request & Partial<AuthenticatedRequest>>();
const ipOf = (req: Request) => `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
const subjectOf = (req: Partial<AuthenticatedRequest>) => (req.actor ? `sub:${req.actor.sub}` : undefined);
// One bucket per client and limit, across all routes (the library's default key is per route).
const globalKey = (_ctx: ExecutionContext, tracker: string, name: string) => `${name}|${tracker}`;

/** The four limits; every number comes from the validated configuration (RATE_LIMIT_*). */
export function throttlerOptions(env: Env): ThrottlerModuleOptions {
  const ttl = env.RATE_LIMIT_WINDOW_MS;
  const throttlers: ThrottlerOptions[] = [
    { name: 'ip', ttl, limit: env.RATE_LIMIT_PER_IP, getTracker: (req) => ipOf(req as Request) },
    {
      name: 'subject',
      ttl,
      limit: env.RATE_LIMIT_PER_SUBJECT,
      skipIf: (ctx) => subjectOf(request(ctx)) === undefined,
      getTracker: (req) => subjectOf(req as Partial<AuthenticatedRequest>) ?? ipOf(req as Request),
    },
    {
      name: 'writes',
      ttl,
      limit: env.RATE_LIMIT_WRITES,
      skipIf: (ctx) => SAFE_METHODS.has(request(ctx).method),
      getTracker: (req) => subjectOf(req as Partial<AuthenticatedRequest>) ?? ipOf(req as Request),
    },
    {
      name: 'token',
      ttl,
      limit: env.RATE_LIMIT_TOKEN,
      skipIf: (ctx) => !TOKEN_ROUTES.has(`${request(ctx).method} ${request(ctx).path}`),
      getTracker: (req) => ipOf(req as Request),
    },
  ];
  return { throttlers: throttlers.map((t) => ({ ...t, generateKey: globalKey })), setHeaders: false };
}

/**
 * Runs after the AuthGuard (registered after it), so authenticated requests are also counted per subject. A refusal
 * is a 429 carrying a plain `Retry-After` (seconds), in the exception filter's shape.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    ctx: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const res = ctx.switchToHttp().getResponse<Response>();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(ctx, detail);
  }
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [WAYMARK_CONFIG],
      useFactory: (config: WaymarkConfig) => throttlerOptions(config.env),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}
