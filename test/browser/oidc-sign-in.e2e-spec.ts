import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BrowserActors } from '../support/browser';
import { AppStack } from '../support/stack';

/** A small OIDC provider: discovery, JWKS, an authorization endpoint that signs the user straight in, and a token
 * endpoint that checks the code, the redirect URI and the PKCE verifier (S256) before it issues an access token. */
class TestIssuer {
  url = '';
  readonly exchanges: { verified: boolean; clientId: string | null }[] = [];
  private server?: Server;
  private key?: KeyLike;
  private jwk?: Record<string, unknown>;
  private readonly codes = new Map<string, { challenge: string; redirectUri: string; nonce: string }>();

  constructor(private readonly user: { sub: string; agency: string; roles: string[] }) {}

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256');
    this.key = pair.privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    // A single-page application calls discovery and the token endpoint from its own origin.
    res
      .writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
      .end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/.well-known/openid-configuration') {
      return this.json(res, 200, {
        issuer: this.url,
        jwks_uri: `${this.url}/jwks`,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
      });
    }
    if (url.pathname === '/jwks') return this.json(res, 200, { keys: [this.jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        return this.json(res, 400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      this.codes.set(code, {
        challenge: q.get('code_challenge')!,
        redirectUri: q.get('redirect_uri')!,
        nonce: q.get('nonce') ?? '',
      });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const grant = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const verified = !!grant && grant.challenge === challenge && grant.redirectUri === form.get('redirect_uri');
      this.exchanges.push({ verified, clientId: form.get('client_id') });
      if (!verified) return this.json(res, 400, { error: 'invalid_grant' });
      const accessToken = await new SignJWT({ agency: this.user.agency, roles: this.user.roles, nonce: grant.nonce })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject(this.user.sub)
        .setIssuer(this.url)
        .setAudience('waymark')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(this.key!);
      return this.json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300 });
    }
    this.json(res, 404, { error: 'not_found' });
  }
}

/**
 * Production sign-in in Chromium: the web application sends the user to the configured issuer (authorization code
 * with PKCE), exchanges the code, and works with the issuer's token; no token or code stays in an address, no cookie.
 */
describe('web application: OIDC sign-in', () => {
  const issuer = new TestIssuer({ sub: 'oidc-carla', agency: 'demo-a', roles: ['caseworker'] });
  let stack: AppStack;
  let actors: BrowserActors;

  beforeAll(async () => {
    await issuer.start();
    stack = new AppStack('browser-oidc', { OIDC_ISSUER: issuer.url });
    await stack.startApi();
    actors = new BrowserActors(stack);
    await actors.start();
  });
  afterAll(async () => {
    await actors?.stop();
    await stack?.stop();
    await issuer.stop();
  });

  it("signs in at the issuer with PKCE and calls the API with the issuer's token", async () => {
    const page = await actors.newPage();
    const visited: string[] = [];
    const requested: string[] = [];
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) visited.push(f.url());
    });
    page.on('request', (r) => {
      if (r.isNavigationRequest()) requested.push(r.url());
    });
    await page.goto(`${stack.apiUrl}/app/`);
    // No local sign-in under OIDC: only the issuer's.
    expect(await page.locator('#signin-agency').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();

    // The role by its name; the agency by its name once the directory has answered.
    expect(await page.getByTestId('who').textContent()).toMatch(/^(demo-a|Referring agency) · Caseworker$/);
    expect(issuer.exchanges).toEqual([{ verified: true, clientId: 'waymark' }]);
    // The browser went to the issuer and came back with a code, which left the address bar at once.
    expect(
      requested.some((u) => u.startsWith(`${issuer.url}/authorize?`) && u.includes('code_challenge_method=S256')),
    ).toBe(true);
    expect(requested.some((u) => u.startsWith(`${stack.apiUrl}/app/callback?code=`))).toBe(true);
    expect(new URL(page.url()).search).toBe('');
    for (const u of [...visited, ...requested]) expect([u, /access_token|eyJ/.test(u)]).toEqual([u, false]);
    expect(await page.context().cookies()).toEqual([]);
    // The inbox came from the API, which took the issuer's token (an error would show as an alert instead).
    await page.getByText('No open tasks for you.').or(page.locator('tbody tr').first()).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const caseworker = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('waymark.session'));
    expect(JSON.parse(caseworker).mode).toBe('oidc');
  });

  it('refuses a callback whose state does not match the sign-in that started it, and exchanges no code', async () => {
    const page = await actors.newPage();
    const exchangesBefore = issuer.exchanges.length;
    // A forged redirect back from "the issuer", carrying someone else's code and state.
    await page.route(`${issuer.url}/authorize*`, (route) =>
      route.fulfill({ status: 302, headers: { location: `${stack.apiUrl}/app/callback?code=forged&state=forged` } }),
    );
    await page.goto(`${stack.apiUrl}/app/`);
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await page.getByText('Sign-in did not complete. Try again.').waitFor();
    expect(issuer.exchanges.length).toBe(exchangesBefore);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('waymark.session'))).toBeNull();
  });
});
