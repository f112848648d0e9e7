import { exportJWK, generateKeyPair, importJWK, SignJWT, jwtVerify, type JWK, type KeyLike } from 'jose';
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

export const LOCAL_ISSUER = 'waymark-local';
export const AUDIENCE = 'waymark';
const ALG = 'ES256';

export interface TokenClaims {
  sub: string;
  agency: string;
  roles: string[];
}

export interface LocalKeys {
  privateKey: KeyLike;
  publicKey: KeyLike;
  kid: string;
}

/**
 * The embedded default's signing key: generated on first use into the data directory, so tokens issued by
 * `npm run token` stay valid across restarts. Production verifies against an OIDC issuer instead.
 */
export async function loadOrCreateSigningKey(file: string): Promise<LocalKeys> {
  if (!existsSync(file)) {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    const jwk = await exportJWK(privateKey);
    jwk.kid = `local-${Date.now().toString(36)}`;
    jwk.alg = ALG;
    mkdirSync(dirname(file), { recursive: true });
    // Written to a temporary name and renamed, so a concurrent reader never sees half a key.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(jwk), { mode: 0o600 });
    if (!existsSync(file)) renameSync(tmp, file);
  }
  const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const privateKey = (await importJWK(jwk, ALG)) as KeyLike;
  const { d: _d, ...publicJwk } = jwk;
  const publicKey = (await importJWK(publicJwk, ALG)) as KeyLike;
  return { privateKey, publicKey, kid: jwk.kid ?? 'local' };
}

export async function issueToken(keys: LocalKeys, claims: TokenClaims, ttl = '12h'): Promise<string> {
  return new SignJWT({ agency: claims.agency, roles: claims.roles })
    .setProtectedHeader({ alg: ALG, kid: keys.kid })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(keys.privateKey);
}

export class InvalidTokenError extends Error {}

export async function verifyToken(keys: LocalKeys, token: string): Promise<TokenClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys.publicKey, {
      issuer: LOCAL_ISSUER,
      audience: AUDIENCE,
      algorithms: [ALG],
    }));
  } catch (err) {
    throw new InvalidTokenError(err instanceof Error ? err.message : 'invalid token');
  }
  const { sub, agency, roles } = payload;
  if (
    typeof sub !== 'string' ||
    typeof agency !== 'string' ||
    !Array.isArray(roles) ||
    roles.some((r) => typeof r !== 'string')
  ) {
    throw new InvalidTokenError('the token must carry sub, agency and roles');
  }
  return { sub, agency, roles: roles as string[] };
}
