/**
 * @jest-environment node
 */
import { createHash } from 'node:crypto';
import { authorizationUrl, codeChallenge, completeLogin, randomString, tokenRequestBody } from './oidc';

const settings = { issuer: 'https://idp.example/realms/w', clientId: 'waymark-web', scopes: 'openid profile' };
const discovery = { authorization_endpoint: 'https://idp.example/auth', token_endpoint: 'https://idp.example/token' };

describe('OIDC code flow with PKCE', () => {
  it('derives the S256 challenge as base64url(SHA-256(verifier))', async () => {
    const verifier = randomString(48);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(await codeChallenge(verifier)).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });

  it('builds the authorization URL with the client, redirect, state, nonce and challenge', () => {
    const url = new URL(
      authorizationUrl(discovery, settings, {
        redirectUri: 'http://localhost:3000/app/callback',
        state: 's1',
        nonce: 'n1',
        challenge: 'c1',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://idp.example/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'waymark-web',
      redirect_uri: 'http://localhost:3000/app/callback',
      scope: 'openid profile',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code with the verifier, and refuses a wrong state', async () => {
    expect(Object.fromEntries(tokenRequestBody(settings, { code: 'abc', verifier: 'v', redirectUri: 'r' }))).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      redirect_uri: 'r',
      client_id: 'waymark-web',
      code_verifier: 'v',
    });
    const store = new Map<string, string>();
    (globalThis as unknown as { sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> }).sessionStorage =
      {
        getItem: (k) => store.get(k) ?? null,
        setItem: (k, v) => void store.set(k, v),
        removeItem: (k) => void store.delete(k),
      };
    const pending = { state: 'good', verifier: 'ver', nonce: 'n', tokenEndpoint: discovery.token_endpoint };
    store.set('waymark.oidc.pending', JSON.stringify(pending));
    const fetchImpl = jest.fn().mockResolvedValue({ ok: true, json: async () => ({ access_token: 'tok' }) });
    await expect(
      completeLogin(settings, '?code=abc&state=good', 'r', fetchImpl as unknown as typeof fetch),
    ).resolves.toBe('tok');
    const body = fetchImpl.mock.calls[0][1].body as URLSearchParams;
    expect(body.get('code_verifier')).toBe('ver');

    store.set('waymark.oidc.pending', JSON.stringify(pending));
    await expect(
      completeLogin(settings, '?code=abc&state=forged', 'r', fetchImpl as unknown as typeof fetch),
    ).rejects.toThrow('state mismatch');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });
});
