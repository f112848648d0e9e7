import { Inject, Injectable, type CanActivate, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { loadOrCreateSigningKey, verifyToken, InvalidTokenError, OidcVerifier, type LocalKeys, type TokenClaims } from '@waymark/auth';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { DomainException } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { IS_PUBLIC, type AuthenticatedRequest } from './actor';

/** Every route needs a bearer token carrying subject, agency and roles, unless marked `@Public()`. */
@Injectable()
export class AuthGuard implements CanActivate, OnModuleInit {
  private keys?: LocalKeys;
  private oidc?: OidcVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
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

  private verify(token: string): Promise<TokenClaims> {
    return this.oidc ? this.oidc.verify(token) : verifyToken(this.keys!, token);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new DomainException(
        'unauthenticated',
        'A bearer token is required: send "Authorization: Bearer <token>" (get one with `npm run token`).',
      );
    }
    try {
      const claims = await this.verify(match[1]);
      req.actor = { sub: claims.sub, agencyId: claims.agency, roles: claims.roles };
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        throw new DomainException('unauthenticated', `The bearer token is not valid (${err.message}). Get a new one.`);
      }
      // The issuer's keys could not be fetched: not the caller's fault.
      throw new DomainException('unavailable', 'The identity provider could not be reached to check the token; retry shortly.');
    }
    const ctxStore = requestContext.get();
    if (ctxStore) {
      ctxStore.sub = req.actor.sub;
      ctxStore.agencyId = req.actor.agencyId;
    }
    return true;
  }
}
