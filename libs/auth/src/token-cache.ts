import { decodeJwt } from 'jose';
import type { TokenClaims } from './signing-key';

/** Tokens remembered at most (the oldest go first). */
const MAX_ENTRIES = 5000;
/** A verified token is taken again without checking its signature for at most this long (and never past its expiry). */
const MAX_AGE_MS = 5 * 60_000;

/**
 * Remembers the claims of tokens whose signature was checked, so the same token sent again (a web app polling its
 * inbox, an agency's integration) does not cost another signature check. An entry lasts until the token expires or
 * MAX_AGE_MS, whichever is first; a token that failed is never remembered.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { claims: TokenClaims; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async verify(token: string, check: (token: string) => Promise<TokenClaims>): Promise<TokenClaims> {
    const hit = this.entries.get(token);
    if (hit && hit.until > this.now()) return hit.claims;
    if (hit) this.entries.delete(token);
    const claims = await check(token);
    const { exp } = decodeJwt(token);
    const until = Math.min(this.now() + MAX_AGE_MS, typeof exp === 'number' ? exp * 1000 : 0);
    if (until > this.now()) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(token, { claims, until });
    }
    return claims;
  }
}
