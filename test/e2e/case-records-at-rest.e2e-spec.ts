import { CaseRecordStore, isSealedRecord } from '@waymark/cases';
import { CaseErasedError, CaseKeyring, loadOrCreateMasterKey, PgCaseKeyStore } from '@waymark/codec';
import { createDataSource } from '@waymark/database';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppStack } from '../support/stack';

const CANARY = 'Zorana Canarywood';
const LEGACY = 'Ottavio Legacyvale';

/**
 * Case record values at rest (docs/security/data-at-rest.md): the raw `case_records` rows, read as the database
 * owner, hold no personal data; the API still shows it to those allowed; rows written before encryption still read
 * and are sealed by the one-off sealer; after an erasure the sealed values can never be decrypted.
 */
describe('case records encrypted at rest', () => {
  const stack = new AppStack('records-at-rest');
  let owner: DataSource;
  const keyring = () =>
    new CaseKeyring(
      new PgCaseKeyStore((sql, params) => owner.query(sql, params)),
      loadOrCreateMasterKey(join(process.env.WAYMARK_E2E_DATA_DIR!, 'master-key')),
    );

  beforeAll(async () => {
    await stack.start();
    owner = createDataSource(process.env.WAYMARK_E2E_OWNER_DATABASE_URL!);
    await owner.initialize();
  });
  afterAll(async () => {
    await owner?.destroy();
    await stack.stop();
  });

  const raw = async (caseId: string) =>
    (await owner.query('SELECT event_key, data, data::text AS text FROM case_records WHERE case_id = $1 ORDER BY id', [
      caseId,
    ])) as { event_key: string; data: unknown; text: string }[];

  it('stores sealed values, shows them to allowed roles, seals old plain rows, and loses them with the key', async () => {
    const caseworker = await stack.token('demo-a', ['caseworker'], 'alice');
    const dpo = await stack.token('demo-a', ['data-protection-officer'], 'dora');
    const started = await stack.http('POST', '/cases', {
      token: caseworker,
      body: { sop: 'demo-handoff', input: { channel: 'referral' } },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.caseId as string;
    const note = await stack.http('POST', `/cases/${caseId}/notes`, {
      token: caseworker,
      body: { compartment: 'identity', text: `Met ${CANARY}` },
    });
    expect(note.status).toBe(201);

    // 1. The raw rows: sealed, no canary (and the intake's own values sealed too).
    const rows = await raw(caseId);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => isSealedRecord(r.data))).toBe(true);
    expect(rows.some((r) => r.text.includes('Canarywood') || r.text.includes('referral'))).toBe(false);

    // 2. The API decrypts for a role the policy lets read the compartment.
    const shown = async () => {
      const res = await stack.http('GET', `/cases/${caseId}`, { token: caseworker });
      expect(res.status).toBe(200);
      return res.body.compartments as Record<string, { source: string; data: Record<string, unknown> }[]>;
    };
    expect((await shown()).identity.map((r) => r.data.text)).toContain(`Met ${CANARY}`);
    expect((await shown()).intake.map((r) => r.data.channel)).toContain('referral');

    // 3. A row written before encryption (plain JSON) still reads, and the sealer encrypts it in place.
    await owner.query(
      `INSERT INTO case_records (case_id, compartment, source, agency_id, actor_sub, recorded_at, data, event_key)
       VALUES ($1, 'protection', 'note', 'demo-a', 'alice', now(), $2::jsonb, $3)`,
      [caseId, JSON.stringify({ text: LEGACY }), `legacy:${caseId}:protection`],
    );
    expect((await shown()).protection.map((r) => r.data.text)).toContain(LEGACY);
    const records = new CaseRecordStore(owner, keyring());
    expect(await records.sealPlaintextRows(1)).toBeGreaterThanOrEqual(1);
    expect(await records.sealPlaintextRows()).toBe(0);
    const after = await raw(caseId);
    expect(after.every((r) => isSealedRecord(r.data))).toBe(true);
    expect(after.some((r) => r.text.includes('Legacyvale'))).toBe(false);
    expect((await shown()).protection.map((r) => r.data.text)).toContain(LEGACY);

    // 4. Erasure: the key is destroyed, so a copy of the sealed values (a backup, a dump) never decrypts again.
    const copy = await raw(caseId);
    const erased = await stack.http('POST', `/cases/${caseId}/erase`, {
      token: dpo,
      body: { reason: 'request of the person' },
    });
    expect(erased.status).toBe(200);
    await expect(keyring().keyForDecode(caseId)).rejects.toBeInstanceOf(CaseErasedError);
    for (const r of await raw(caseId)) expect(r.data).toEqual({});
    // A backup restored after the erasure: the sealed values are back in the table, and still read as nothing.
    expect(copy.every((r) => isSealedRecord(r.data))).toBe(true);
    for (const r of copy) {
      await owner.query('UPDATE case_records SET data = $2::jsonb WHERE event_key = $1', [r.event_key, r.text]);
    }
    const restored = await new CaseRecordStore(owner, keyring()).read(caseId, ['intake', 'identity', 'protection']);
    expect(restored).toHaveLength(copy.length);
    expect(restored.map((r) => r.data)).toEqual(copy.map(() => ({})));
  });
});
