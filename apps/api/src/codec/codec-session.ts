import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '@waymark/contracts';

/**
 * A codec session lets Temporal's Web UI decode in an operator's browser when the UI itself has no sign-in (the
 * embedded default): the operator opens it from Waymark's web app with their bearer token, and the API sets a
 * cookie scoped to `/codec` that the UI sends along when "Include cross-origin credentials" is on in its Codec
 * Server settings. The cookie holds ids and roles only (no personal data), is HttpOnly and SameSite=Strict, and the
 * API accepts it only on the codec routes and only from the Web UI's configured origins.
 */
export const CODEC_SESSION_COOKIE = 'waymark_codec';
export const CODEC_SESSION_PATH = '/codec';
export const CODEC_SESSION_TTL_SECONDS = 3600;

export class InvalidCodecSessionError extends Error {}

interface SessionClaims {
  sub: string;
  agency: string;
  roles: string[];
  exp: number;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** Issues and checks session values: the claims as base64url JSON and an HMAC-SHA256 over them. */
export class CodecSessions {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  issue(actor: Actor, ttlSeconds = CODEC_SESSION_TTL_SECONDS): { value: string; expiresAt: string } {
    const exp = Math.floor(this.now() / 1000) + ttlSeconds;
    const claims: SessionClaims = { sub: actor.sub, agency: actor.agencyId, roles: [...actor.roles], exp };
    const body = b64url(Buffer.from(JSON.stringify(claims), 'utf8'));
    return { value: `${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** When a valid session ends, or undefined for an invalid or expired one. */
  expiryOf(value: string): string | undefined {
    try {
      return new Date(this.claimsOf(value).exp * 1000).toISOString();
    } catch {
      return undefined;
    }
  }

  verify(value: string): Actor {
    const claims = this.claimsOf(value);
    return { sub: claims.sub, agencyId: claims.agency, roles: claims.roles.map(String) };
  }

  private claimsOf(value: string): SessionClaims {
    const [body, mac, extra] = value.split('.');
    if (!body || !mac || extra !== undefined) throw new InvalidCodecSessionError('malformed');
    const expected = Buffer.from(this.sign(body), 'utf8');
    const given = Buffer.from(mac, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new InvalidCodecSessionError('bad signature');
    }
    let claims: SessionClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
    } catch {
      throw new InvalidCodecSessionError('malformed');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.now())
      throw new InvalidCodecSessionError('expired');
    if (typeof claims.sub !== 'string' || typeof claims.agency !== 'string' || !Array.isArray(claims.roles)) {
      throw new InvalidCodecSessionError('malformed');
    }
    return claims;
  }

  private sign(body: string): string {
    return b64url(createHmac('sha256', this.secret).update(body).digest());
  }
}

/** The Set-Cookie value opening (or, with `null`, ending) a session; Secure when the API is reached over HTTPS. */
export function codecSessionCookie(value: string | null, secure: boolean): string {
  const parts = [
    `${CODEC_SESSION_COOKIE}=${value ?? ''}`,
    `Path=${CODEC_SESSION_PATH}`,
    `Max-Age=${value === null ? 0 : CODEC_SESSION_TTL_SECONDS}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The session cookie's value in a Cookie header, if any. */
export function readCodecSessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CODEC_SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
