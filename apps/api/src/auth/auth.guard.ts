import { Inject, Injectable, type CanActivate, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  loadOrCreateSigningKey,
  verifyToken,
  InvalidTokenError,
  OidcVerifier,
  sameSecret,
  type LocalKeys,
  type TokenClaims,
  VerifiedTokens,
} from '@waymark/auth';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { DomainException, type Actor } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { CodecSessions, InvalidCodecSessionError, readCodecSessionCookie } from '../codec/codec-session';
import { PeopleSeen } from './people-seen';
import {
  ACCEPTS_CODEC_SESSION,
  ACCEPTS_METRICS_TOKEN,
  IS_PUBLIC,
  METRICS_SCRAPER_ROLE,
  type AuthenticatedRequest,
} from './actor';

/** Every route needs a bearer token carrying subject, agency and roles, unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate, OnModuleInit {
  private keys?: LocalKeys;
  private oidc?: OidcVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
    private readonly codecSessions: CodecSessions,
    private readonly people: PeopleSeen,
  ) {}

  async onModuleInit(): Promise<void> {
    const { env } = this.config;
    if (env.OIDC_ISSUER) {
      this.oidc = new OidcVerifier({
        issuer: env.OIDC_ISSUER,
        jwksUrl: env.OIDC_JWKS_URL,
        audience: env.OIDC_AUDIENCE,
        agencyClaim: env.OIDC_AGENCY_CLAIM,
        rolesClaim: env.OIDC_ROLES_CLAIM,
      });
    } else {
      this.keys = await loadOrCreateSigningKey(this.config.signingKeyFile);
    }
  }

  private readonly verified = new VerifiedTokens();

  private verify(token: string): Promise<TokenClaims> {
    return this.verified.verify(token, (t) => (this.oidc ? this.oidc.verify(t) : verifyToken(this.keys!, t)));
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const session = readCodecSessionCookie(req.headers.cookie);
    if (
      !header &&
      session &&
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_CODEC_SESSION, [ctx.getHandler(), ctx.getClass()])
    ) {
      req.actor = this.fromCodecSession(session, req.headers.origin);
      this.remember(req.actor);
      return true;
    }
    if (!match) {
      throw new DomainException(
        'unauthenticated',
        'A bearer token is required: send "Authorization: Bearer <token>" (get one with `npm run token`).',
      );
    }
    if (
      this.config.env.METRICS_TOKEN &&
      sameSecret(match[1], this.config.env.METRICS_TOKEN) &&
      this.reflector.getAllAndOverride<boolean>(ACCEPTS_METRICS_TOKEN, [ctx.getHandler(), ctx.getClass()])
    ) {
      req.actor = { sub: METRICS_SCRAPER_ROLE, agencyId: 'platform', roles: [METRICS_SCRAPER_ROLE] };
      return true;
    }
    try {
      const claims = await this.verify(match[1]);
      req.actor = { sub: claims.sub, agencyId: claims.agency, roles: claims.roles };
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        throw new DomainException('unauthenticated', `The bearer token is not valid (${err.message}). Get a new one.`);
      }
      // The issuer's keys could not be fetched: not the caller's fault.
      throw new DomainException(
        'unavailable',
        'The identity provider could not be reached to check the token; retry shortly.',
      );
    }
    this.remember(req.actor);
    this.people.seen(req.actor);
    return true;
  }

  /** The codec session cookie, taken only from the Temporal Web UI's origin (a cross-site page cannot use it). */
  private fromCodecSession(value: string, origin: string | undefined): Actor {
    if (!origin || !this.config.codecCorsOrigins.includes(origin)) {
      throw new DomainException(
        'forbidden',
        `The codec session is accepted only from the Temporal Web UI (${this.config.codecCorsOrigins.join(', ')}); other callers send a bearer token.`,
      );
    }
    try {
      return this.codecSessions.verify(value);
    } catch (err) {
      if (err instanceof InvalidCodecSessionError) {
        throw new DomainException(
          'unauthenticated',
          `The codec session is not valid (${err.message}). Open a new one from Waymark's web app.`,
        );
      }
      throw err;
    }
  }

  private remember(actor: Actor): void {
    const ctxStore = requestContext.get();
    if (ctxStore) {
      ctxStore.sub = actor.sub;
      ctxStore.agencyId = actor.agencyId;
    }
  }
}
