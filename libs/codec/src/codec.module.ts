import { Global, Logger, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { TEMPORAL_PAYLOAD_CODEC } from '@waymark/temporal';
import { retryTransient } from '@waymark/database';
import type { DataSource } from 'typeorm';
import { PgCaseKeyStore } from './key-store';
import { CaseKeyring } from './keyring';
import { resolveMasterKeys } from './master-key';
import { CasePayloadCodec } from './payload-codec';
import { ErasureListener } from './erasure-listener';

const logger = new Logger('CaseKeyStore');

/**
 * A key lookup runs inside the worker's workflow-task processing and the API's requests: a PostgreSQL restart is
 * waited out (retried with backoff for up to two minutes) rather than failing the activation, which would fail the
 * whole Temporal worker. Longer outages still fail, and the worker process then exits for its supervisor.
 */
const KEY_LOOKUP_RETRY = {
  maxElapsedMs: 120_000,
  onRetry: (attempt: number) => {
    if (attempt === 1 || attempt % 10 === 0) logger.warn({ msg: 'case key lookup waiting for PostgreSQL', attempt });
  },
};

/**
 * The payload codec for the API's Temporal client and the worker, its keys in the app's PostgreSQL. Global, so the
 * Temporal client module and the erasure service find it.
 */
@Global()
@Module({
  providers: [
    {
      provide: CasePayloadCodec,
      inject: [WAYMARK_CONFIG, getDataSourceToken()],
      useFactory: (config: WaymarkConfig, ds: DataSource) =>
        new CasePayloadCodec(
          new CaseKeyring(
            new PgCaseKeyStore((sql, params) => retryTransient(() => ds.query(sql, params), KEY_LOOKUP_RETRY)),
            resolveMasterKeys(
              config.env.WAYMARK_MASTER_KEY,
              config.env.WAYMARK_PREVIOUS_MASTER_KEYS,
              config.masterKeyFile,
            ),
          ),
        ),
    },
    { provide: TEMPORAL_PAYLOAD_CODEC, useExisting: CasePayloadCodec },
    {
      provide: ErasureListener,
      inject: [WAYMARK_CONFIG, CasePayloadCodec],
      useFactory: (config: WaymarkConfig, codec: CasePayloadCodec) =>
        new ErasureListener(config.databaseUrl, codec.keyring),
    },
  ],
  exports: [CasePayloadCodec, TEMPORAL_PAYLOAD_CODEC, ErasureListener],
})
export class CodecModule {}
