import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidTokenError, type TokenClaims } from './signing-key';

export interface OidcOptions {
  issuer: string;
  jwksUrl?: string;
  audience: string;
  agencyClaim: string;
  rolesClaim: string;
}

/**
 * Production identity: bearer tokens from an OIDC issuer, verified against its JWKS (fetched and cached by jose,
 * refreshed when an unknown key id appears). The agency and roles come from configurable claims.
 */
export class OidcVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly opts: OidcOptions) {}

  private jwks(): Promise<JWTVerifyGetKey> {
    this.keys ??= (async () => {
      let url = this.opts.jwksUrl;
      if (!url) {
        const discovery = `${this.opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
        const res = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
        if (!res.ok) throw new Error(`OIDC discovery at ${discovery} answered ${res.status}`);
        url = ((await res.json()) as { jwks_uri?: string }).jwks_uri;
        if (!url) throw new Error(`OIDC discovery at ${discovery} gave no jwks_uri`);
      }
      return createRemoteJWKSet(new URL(url));
    })().catch((err: unknown) => {
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  async verify(token: string): Promise<TokenClaims> {
    const jwks = await this.jwks();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: this.opts.issuer, audience: this.opts.audience }));
    } catch (err) {
      throw new InvalidTokenError(err instanceof Error ? err.message : 'invalid token');
    }
    const agency = payload[this.opts.agencyClaim];
    const roles = payload[this.opts.rolesClaim];
    if (
      typeof payload.sub !== 'string' ||
      typeof agency !== 'string' ||
      !Array.isArray(roles) ||
      roles.some((r) => typeof r !== 'string')
    ) {
      throw new InvalidTokenError(`the token must carry sub, ${this.opts.agencyClaim} and ${this.opts.rolesClaim}`);
    }
    return { sub: payload.sub, agency, roles: roles as string[] };
  }
}
