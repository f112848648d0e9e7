import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createServer, type Server } from 'node:http';
import { AppStack } from '../support/stack';

/** Production identity: the API verifies tokens against an OIDC issuer's JWKS (found by discovery). */
describe('OIDC bearer tokens', () => {
  let issuer: Server;
  let issuerUrl = '';
  let privateKey: KeyLike;
  let stack: AppStack;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    issuer = createServer((req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ issuer: issuerUrl, jwks_uri: `${issuerUrl}/jwks` }));
      } else if (req.url === '/jwks') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => issuer.listen(0, '127.0.0.1', r));
    const address = issuer.address();
    issuerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    stack = new AppStack('oidc', { OIDC_ISSUER: issuerUrl });
    await stack.startApi();
  });
  afterAll(async () => {
    await stack?.stop();
    await new Promise((r) => issuer.close(r));
  });

  const sign = (claims: Record<string, unknown>, opts: { audience?: string; iss?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject('oidc-user')
      .setIssuer(opts.iss ?? issuerUrl)
      .setAudience(opts.audience ?? 'waymark')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it("accepts the issuer's tokens and maps the agency and roles claims", async () => {
    const token = await sign({ agency: 'demo-a', roles: ['caseworker'] });
    const res = await stack.http('GET', '/tasks', { token });
    expect(res.status).toBe(200);
  });

  it('refuses local tokens, other audiences, other issuers and tokens without roles', async () => {
    const local = await stack.token('demo-a', ['caseworker']);
    expect((await stack.http('GET', '/tasks', { token: local })).status).toBe(401);
    const otherAudience = await sign({ agency: 'demo-a', roles: ['caseworker'] }, { audience: 'someone-else' });
    expect((await stack.http('GET', '/tasks', { token: otherAudience })).status).toBe(401);
    const otherIssuer = await sign({ agency: 'demo-a', roles: ['caseworker'] }, { iss: 'https://elsewhere.example' });
    expect((await stack.http('GET', '/tasks', { token: otherIssuer })).status).toBe(401);
    const noRoles = await sign({ agency: 'demo-a' });
    const res = await stack.http('GET', '/tasks', { token: noRoles });
    expect(res.status).toBe(401);
    expect(res.body.message).toContain('roles');
  });

  it('tells the web application to sign in at the issuer and issues no local tokens', async () => {
    const config = await stack.http('GET', '/auth/config');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({
      mode: 'oidc',
      issuer: issuerUrl,
      clientId: 'waymark',
      scopes: 'openid profile',
      agencyClaim: 'agency',
      rolesClaim: 'roles',
    });
    const devToken = await stack.http('POST', '/auth/dev-token', { body: { agency: 'demo-a', role: 'caseworker' } });
    expect(devToken.status).toBe(404);
  });
});
