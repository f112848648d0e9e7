import { CaseKeyring, InMemoryCaseKeyStore } from '@waymark/codec';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseRecordStore } from './case-record.store';
import { isSealedRecord } from './record-cipher';

const CASE = '6f1c2d3e-0000-4000-8000-000000000001';

/** A stub database: remembers the inserted rows and answers the read with them (SQL is the e2e tests' business). */
function stubDb() {
  const rows: { compartment: string; data: unknown; event_key: string }[] = [];
  const query = jest.fn(async (sql: string, params: unknown[] = []) => {
    if (sql.includes('INSERT INTO case_records')) {
      rows.push({
        compartment: params[1] as string,
        data: JSON.parse(params[8] as string),
        event_key: params[9] as string,
      });
      return [{ id: rows.length }];
    }
    return rows.map((r) => ({
      ...r,
      step: null,
      subject: null,
      source: 'note',
      agency_id: 'a',
      recorded_at: new Date(),
    }));
  });
  return { rows, ds: { query } as unknown as DataSource, em: { query } as unknown as EntityManager };
}

describe('CaseRecordStore', () => {
  it('writes sealed values and reads them back decrypted, next to plain rows written before encryption', async () => {
    const keys = new InMemoryCaseKeyStore();
    const { rows, ds, em } = stubDb();
    const store = new CaseRecordStore(ds, new CaseKeyring(keys, randomBytes(32)));
    const meta = {
      caseId: CASE,
      keyPrefix: 'n1',
      source: 'note',
      agencyId: 'a',
      actorSub: 's',
      recordedAt: new Date(),
    } as const;
    expect(await store.write(em, { identity: { text: 'Zorana Canarywood' } }, meta)).toBe(true);
    expect(isSealedRecord(rows[0].data)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Canarywood');
    rows.push({ compartment: 'intake', data: { channel: 'referral' }, event_key: 'old:intake' });
    const read = await store.read(CASE, ['identity', 'intake']);
    expect(read.map((r) => r.data)).toEqual([{ text: 'Zorana Canarywood' }, { channel: 'referral' }]);
  });

  it('reads an erased case’s sealed values as nothing (the key is gone)', async () => {
    const keys = new InMemoryCaseKeyStore();
    const { ds, em } = stubDb();
    const keyring = new CaseKeyring(keys, randomBytes(32));
    const store = new CaseRecordStore(ds, keyring);
    const meta = {
      caseId: CASE,
      keyPrefix: 'n1',
      source: 'note',
      agencyId: 'a',
      actorSub: 's',
      recordedAt: new Date(),
    } as const;
    await store.write(em, { identity: { text: 'x' } }, meta);
    await keyring.destroy(CASE);
    expect((await store.read(CASE, ['identity'])).map((r) => r.data)).toEqual([{}]);
  });
});
