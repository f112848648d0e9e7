import { ConfigError, loadEnv } from './load-config';

describe('HTTP hardening keys', () => {
  it('has production defaults', () => {
    expect(loadEnv({})).toMatchObject({
      HTTP_BODY_LIMIT_BYTES: 1048576,
      HTTP_JSON_MAX_DEPTH: 32,
      HTTP_REQUEST_TIMEOUT_MS: 30000,
      HTTP_HEADERS_TIMEOUT_MS: 20000,
      HTTP_HSTS: false,
      HTTP_TRUST_PROXY_HOPS: 0,
      HTTP_COMPRESSION: true,
      RATE_LIMIT_WINDOW_MS: 60000,
      RATE_LIMIT_PER_IP: 1200,
      RATE_LIMIT_PER_SUBJECT: 600,
      RATE_LIMIT_WRITES: 120,
      RATE_LIMIT_TOKEN: 10,
    });
  });

  it('reads and validates them from the environment', () => {
    expect(loadEnv({ HTTP_JSON_MAX_DEPTH: '8', HTTP_HSTS: 'true', RATE_LIMIT_TOKEN: '3' })).toMatchObject({
      HTTP_JSON_MAX_DEPTH: 8,
      HTTP_HSTS: true,
      RATE_LIMIT_TOKEN: 3,
    });
    let error: unknown;
    try {
      loadEnv({ HTTP_BODY_LIMIT_BYTES: '10', HTTP_REQUEST_TIMEOUT_MS: 'soon', RATE_LIMIT_PER_IP: '0' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['HTTP_BODY_LIMIT_BYTES', 'HTTP_REQUEST_TIMEOUT_MS', 'RATE_LIMIT_PER_IP']) {
      expect(problems).toContain(key);
    }
  });
});
