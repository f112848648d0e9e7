import { AuditLog } from '@waymark/audit';
import { CaseStore } from '@waymark/cases';
import { CaseKeyring, CasePayloadCodec, loadOrCreateMasterKey, PgCaseKeyStore } from '@waymark/codec';
import { createDataSource } from '@waymark/database';
import { NotificationStore } from '@waymark/notifications';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/**
 * The worker's own read-model store against the e2e PostgreSQL, as the app's database role, with the stack's master
 * key: for tests that drive the writes directly, as a late or retried activity would.
 */
export async function openCaseStore(): Promise<{ ds: DataSource; store: CaseStore }> {
  const ds = createDataSource(process.env.WAYMARK_E2E_DATABASE_URL!);
  await ds.initialize();
  const keyring = new CaseKeyring(
    new PgCaseKeyStore((sql, params) => ds.query(sql, params)),
    loadOrCreateMasterKey(join(process.env.WAYMARK_E2E_DATA_DIR!, 'master-key')),
  );
  return { ds, store: new CaseStore(ds, new NotificationStore(ds), new AuditLog(ds), new CasePayloadCodec(keyring)) };
}
