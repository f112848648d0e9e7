import type { TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';

/** The TLS settings of the environment (libs/config Env): TEMPORAL_TLS and the mTLS files. */
export interface TemporalTlsEnv {
  TEMPORAL_TLS: boolean;
  TEMPORAL_TLS_CERT?: string;
  TEMPORAL_TLS_KEY?: string;
  TEMPORAL_TLS_CA?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
}

/** A TLS setting that cannot work; names the variable and the reason, never a file's content. */
export class TemporalTlsConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'TemporalTlsConfigError';
  }
}

/**
 * The `tls` option of the API's Connection and the worker's NativeConnection. Plain TCP when nothing is set (the
 * embedded dev server on loopback); server-authenticated TLS with TEMPORAL_TLS alone; mTLS with a client
 * certificate and key, so a frontend that requires client certificates (and an authorizer that trusts only
 * Waymark's, docs/security/temporal.md) accepts this process. Any of the file settings turns TLS on by itself.
 */
export function temporalTlsOptions(
  env: TemporalTlsEnv,
  readFile: (path: string) => Buffer = (path) => readFileSync(path),
): TLSConfig | undefined {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca } = env;
  const serverName = env.TEMPORAL_TLS_SERVER_NAME;
  if (!env.TEMPORAL_TLS && !cert && !key && !ca && !serverName) return undefined;
  if (cert && !key) throw new TemporalTlsConfigError('TEMPORAL_TLS_KEY', 'is required with TEMPORAL_TLS_CERT');
  if (key && !cert) throw new TemporalTlsConfigError('TEMPORAL_TLS_CERT', 'is required with TEMPORAL_TLS_KEY');
  const read = (variable: string, path: string): Buffer => {
    let content: Buffer;
    try {
      content = readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new TemporalTlsConfigError(variable, `cannot read the file (${code})`);
    }
    if (!content.toString('utf8').includes('-----BEGIN ')) {
      throw new TemporalTlsConfigError(variable, 'the file is not PEM');
    }
    return content;
  };
  return {
    ...(serverName ? { serverNameOverride: serverName } : {}),
    ...(ca ? { serverRootCACertificate: read('TEMPORAL_TLS_CA', ca) } : {}),
    ...(cert && key
      ? { clientCertPair: { crt: read('TEMPORAL_TLS_CERT', cert), key: read('TEMPORAL_TLS_KEY', key) } }
      : {}),
  };
}
