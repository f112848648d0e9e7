import { ConfigError, loadEnv, resolveConfig } from './env';

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
    const config = resolveConfig(loadEnv({ DATABASE_URL: 'postgres://u:p@db:5432/w', TEMPORAL_ADDRESS: 'temporal:7233' }));
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
});
