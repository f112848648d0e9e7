/**
 * OIDC authorization code flow with PKCE (RFC 7636) in the browser: no client secret, the verifier stays in
 * sessionStorage for the round trip, the tokens never appear in a URL (the code is exchanged by POST and removed
 * from the address bar).
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string;
}

export interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

const PENDING = 'waymark.oidc.pending';

export function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomString(bytes = 32): string {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return base64Url(a);
}

/** S256 code challenge: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export async function discover(issuer: string, fetchImpl: typeof fetch = fetch): Promise<Discovery> {
  const res = await fetchImpl(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery failed (${res.status})`);
  return (await res.json()) as Discovery;
}

export function authorizationUrl(
  d: Discovery,
  s: OidcSettings,
  p: { redirectUri: string; state: string; nonce: string; challenge: string },
): string {
  const url = new URL(d.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', s.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('scope', s.scopes);
  url.searchParams.set('state', p.state);
  url.searchParams.set('nonce', p.nonce);
  url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export function tokenRequestBody(
  s: OidcSettings,
  p: { code: string; verifier: string; redirectUri: string },
): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    client_id: s.clientId,
    code_verifier: p.verifier,
  });
}

interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  tokenEndpoint: string;
}

/** Starts a sign-in: remembers the verifier and state, then leaves for the issuer. */
export async function beginLogin(
  s: OidcSettings,
  redirectUri: string,
  go: (url: string) => void = (u) => window.location.assign(u),
): Promise<void> {
  const d = await discover(s.issuer);
  const pending: Pending = {
    state: randomString(16),
    verifier: randomString(48),
    nonce: randomString(16),
    tokenEndpoint: d.token_endpoint,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  go(
    authorizationUrl(d, s, {
      redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      challenge: await codeChallenge(pending.verifier),
    }),
  );
}

/** Finishes a sign-in on the callback page: checks the state, exchanges the code for tokens. */
export async function completeLogin(
  s: OidcSettings,
  search: string,
  redirectUri: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!raw) throw new Error('no sign-in in progress');
  const pending = JSON.parse(raw) as Pending;
  if (params.get('error')) throw new Error(params.get('error')!);
  if (params.get('state') !== pending.state) throw new Error('state mismatch');
  const code = params.get('code');
  if (!code) throw new Error('no code');
  const res = await fetchImpl(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(s, { code, verifier: pending.verifier, redirectUri }),
  });
  if (!res.ok) throw new Error(`token exchange failed (${res.status})`);
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('no access token');
  return body.access_token;
}
