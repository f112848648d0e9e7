import { AppStack } from '../support/stack';

/**
 * Security issue #13: production never issues its own tokens, and the operational endpoints need a caller.
 * A stack started with NODE_ENV=production and no OIDC_ISSUER must not come up; a development stack keeps
 * /metrics and the codec session routes closed to anonymous callers.
 */
describe('production guards', () => {
  it('refuses to start in production without OIDC_ISSUER, naming the variable', async () => {
    const stack = new AppStack('production-no-issuer', { NODE_ENV: 'production', OIDC_ISSUER: '' });
    let failure: unknown;
    try {
      await stack.start();
    } catch (err) {
      failure = err;
    } finally {
      await stack.stop();
    }
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/exited/);
    expect((failure as Error).message).toContain('OIDC_ISSUER');
  });

  describe('a development stack', () => {
    const stack = new AppStack('production-guards');
    beforeAll(async () => {
      await stack.start();
    });
    afterAll(async () => {
      await stack.stop();
    });

    it('issues staff and platform roles only with the local admin secret; caseworkers stay free', async () => {
      for (const [agency, role] of [
        ['demo-a', 'operator'],
        ['demo-a', 'data-protection-officer'],
      ]) {
        const none = await stack.http('POST', '/auth/dev-token', { body: { agency, role } });
        expect([none.status, none.body.fields?.[0]?.field]).toEqual([403, 'adminSecret']);
        const wrong = await stack.http('POST', '/auth/dev-token', { body: { agency, role, adminSecret: 'guess' } });
        expect([wrong.status, wrong.body.fields?.[0]?.field]).toEqual([403, 'adminSecret']);
        const adminSecret = process.env.WAYMARK_E2E_ADMIN_SECRET!;
        const good = await stack.http('POST', '/auth/dev-token', { body: { agency, role, adminSecret } });
        expect([good.status, good.body.roles]).toEqual([201, [role]]);
      }
      const caseworker = await stack.http('POST', '/auth/dev-token', {
        body: { agency: 'demo-a', role: 'caseworker' },
      });
      expect(caseworker.status).toBe(201);
    });

    it('answers /metrics 401 without a token, 403 for a caseworker, 200 for an operator', async () => {
      expect((await stack.http('GET', '/metrics')).status).toBe(401);
      const caseworker = await stack.token('demo-a', ['caseworker'], 'alice');
      expect((await stack.http('GET', '/metrics', { token: caseworker })).status).toBe(403);
      const operator = await stack.token('platform-ops', ['operator'], 'olga');
      const ok = await stack.http('GET', '/metrics', { token: operator });
      expect(ok.status).toBe(200);
      expect(String(ok.body)).toContain('# TYPE');
    });

    it('answers GET and DELETE /codec/session 401 without authentication', async () => {
      expect((await stack.http('GET', '/codec/session')).status).toBe(401);
      expect((await stack.http('DELETE', '/codec/session')).status).toBe(401);
      const operator = await stack.token('platform-ops', ['operator'], 'olga');
      const status = await stack.http<{ active: boolean }>('GET', '/codec/session', { token: operator });
      expect(status.status).toBe(200);
      expect(status.body.active).toBe(false);
    });
  });
});
