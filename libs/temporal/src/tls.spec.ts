import { temporalTlsOptions, TemporalTlsConfigError, type TemporalTlsEnv } from './tls';

const PEM = (label: string) => Buffer.from(`-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`);
const files: Record<string, Buffer> = {
  '/etc/waymark/client.crt': PEM('CERTIFICATE'),
  '/etc/waymark/client.key': PEM('PRIVATE KEY'),
  '/etc/waymark/ca.crt': PEM('CERTIFICATE'),
  '/etc/waymark/not-pem': Buffer.from('hello'),
};
const readFile = (path: string) => {
  const content = files[path];
  if (!content) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return content;
};
const env = (over: Partial<TemporalTlsEnv> = {}): TemporalTlsEnv => ({ TEMPORAL_TLS: false, ...over });

describe('temporalTlsOptions', () => {
  it('is plain TCP when nothing is set and server-authenticated TLS with TEMPORAL_TLS alone', () => {
    expect(temporalTlsOptions(env(), readFile)).toBeUndefined();
    expect(temporalTlsOptions(env({ TEMPORAL_TLS: true }), readFile)).toEqual({});
  });

  it('builds mTLS from the certificate, key, CA and server name files', () => {
    const tls = temporalTlsOptions(
      env({
        TEMPORAL_TLS_CERT: '/etc/waymark/client.crt',
        TEMPORAL_TLS_KEY: '/etc/waymark/client.key',
        TEMPORAL_TLS_CA: '/etc/waymark/ca.crt',
        TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend.internal',
      }),
      readFile,
    );
    expect(tls).toEqual({
      serverNameOverride: 'temporal-frontend.internal',
      serverRootCACertificate: files['/etc/waymark/ca.crt'],
      clientCertPair: { crt: files['/etc/waymark/client.crt'], key: files['/etc/waymark/client.key'] },
    });
  });

  it('turns TLS on with a CA alone, without a client certificate', () => {
    expect(temporalTlsOptions(env({ TEMPORAL_TLS_CA: '/etc/waymark/ca.crt' }), readFile)).toEqual({
      serverRootCACertificate: files['/etc/waymark/ca.crt'],
    });
  });

  it('names the variable and the reason for a half pair, a missing file or a file that is not PEM', () => {
    const attempt = (over: Partial<TemporalTlsEnv>) => () => temporalTlsOptions(env(over), readFile);
    expect(attempt({ TEMPORAL_TLS_CERT: '/etc/waymark/client.crt' })).toThrow(
      'TEMPORAL_TLS_KEY: is required with TEMPORAL_TLS_CERT',
    );
    expect(attempt({ TEMPORAL_TLS_KEY: '/etc/waymark/client.key' })).toThrow(
      'TEMPORAL_TLS_CERT: is required with TEMPORAL_TLS_KEY',
    );
    expect(attempt({ TEMPORAL_TLS_CA: '/nowhere/ca.crt' })).toThrow('TEMPORAL_TLS_CA: cannot read the file (ENOENT)');
    expect(attempt({ TEMPORAL_TLS_CA: '/etc/waymark/not-pem' })).toThrow(TemporalTlsConfigError);
    expect(attempt({ TEMPORAL_TLS_CA: '/etc/waymark/not-pem' })).toThrow('TEMPORAL_TLS_CA: the file is not PEM');
  });
});
