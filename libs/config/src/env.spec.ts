import { ConfigError, loadEnv, resolveConfig } from './load-config';

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ API_PORT: 3000, EMBEDDED_PG_PORT: 5433, TEMPORAL_PORT: 7233, TEMPORAL_UI_PORT: 8233 });
    const config = resolveConfig(env);
    expect(config.embeddedPostgres).toBe(true);
    expect(config.embeddedTemporal).toBe(true);
    expect(config.temporalAddress).toBe('127.0.0.1:7233');
  });

  it('turns off the embedded servers when their addresses are given', () => {
    const config = resolveConfig(
      loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/w', TEMPORAL_ADDRESS: 'temporal:7233' }),
    );
    expect(config).toMatchObject({
      embeddedPostgres: false,
      embeddedTemporal: false,
      databaseUrl: 'postgres://u:p@db:5432/w',
      temporalAddress: 'temporal:7233',
    });
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadEnv({ API_PORT: 'abc', DATABASE_URL: 'mysql://x', TEMPORAL_ADDRESS: 'nohost', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['API_PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'LOG_LEVEL']) expect(problems).toContain(name);
  });

  it('checks the master key and the codec origins, naming the variable and never echoing the value', () => {
    const good = Buffer.alloc(32, 7).toString('base64');
    expect(loadEnv({ WAYMARK_MASTER_KEY: good }).WAYMARK_MASTER_KEY).toBe(good);
    let error: unknown;
    try {
      loadEnv({ WAYMARK_MASTER_KEY: 'c2VjcmV0LXZhbHVl', TEMPORAL_UI_ORIGIN: 'not-an-origin' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('WAYMARK_MASTER_KEY must be the base64 of 32 random bytes');
    expect(problems).toContain('TEMPORAL_UI_ORIGIN');
    expect(problems).not.toContain('c2VjcmV0');
    expect(resolveConfig(loadEnv({})).codecCorsOrigins).toEqual(['http://localhost:8233', 'http://127.0.0.1:8233']);
    expect(
      resolveConfig(loadEnv({ TEMPORAL_UI_ORIGIN: 'https://ui.example.org, http://localhost:8080' })).codecCorsOrigins,
    ).toEqual(['https://ui.example.org', 'http://localhost:8080']);
  });

  it('lets webhooks reach private targets only on request, and never in production', () => {
    expect(loadEnv({}).WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
    expect(loadEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', NODE_ENV: 'test' }).WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(
      true,
    );
    expect(
      loadEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false', NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.org' })
        .WEBHOOK_ALLOW_PRIVATE_TARGETS,
    ).toBe(false);
    let error: unknown;
    try {
      loadEnv({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.org' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'WEBHOOK_ALLOW_PRIVATE_TARGETS: WEBHOOK_ALLOW_PRIVATE_TARGETS must not be set when NODE_ENV is production',
    ]);
  });
});

describe('production configuration', () => {
  it('refuses NODE_ENV=production without OIDC_ISSUER, naming the variable', () => {
    let error: unknown;
    try {
      loadEnv({ NODE_ENV: 'production' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toContain('OIDC_ISSUER');
  });

  it('accepts production with an issuer, and development without one', () => {
    expect(loadEnv({ NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.org' }).OIDC_ISSUER).toBe(
      'https://id.example.org',
    );
    expect(loadEnv({ NODE_ENV: 'development' }).OIDC_ISSUER).toBeUndefined();
  });
});
