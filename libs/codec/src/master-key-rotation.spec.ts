import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryCaseKeyStore } from './key-store';
import { CaseKeyring, unwrapDataKey, wrapDataKey } from './keyring';
import {
  beginFileRotation,
  endFileRotation,
  loadOrCreateMasterKey,
  parsePreviousMasterKeys,
  previousKeysFile,
  resolveMasterKeys,
} from './master-key';
import { CasePayloadCodec } from './payload-codec';

describe('master-key rotation', () => {
  const caseId = randomUUID();
  const context = { type: 'workflow' as const, namespace: 'default', workflowId: `case-${caseId}` };
  const payload = defaultPayloadConverter.toPayload({ step: 'review-intake' });

  it('decodes payloads whose data key is still wrapped under a previous master key, and wraps new keys under the current one', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const store = new InMemoryCaseKeyStore();
    const [encoded] = await new CasePayloadCodec(new CaseKeyring(store, oldKey)).encode([payload], context);

    const rotating = new CasePayloadCodec(new CaseKeyring(store, { current: newKey, previous: [oldKey] }));
    const [decoded] = await rotating.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ step: 'review-intake' });
    const other = randomUUID();
    await rotating.encode([payload], { ...context, workflowId: `case-${other}` });
    expect(unwrapDataKey({ current: newKey, previous: [] }, other, store.rows.get(other)!.wrappedKey!).index).toBe(0);

    // Without the previous key the old wrapping does not open, and the error names the variable, not a value.
    const without = new CasePayloadCodec(new CaseKeyring(store, newKey));
    await expect(without.decode([encoded])).rejects.toThrow(/WAYMARK_PREVIOUS_MASTER_KEYS/);
  });

  it('says which master key opened a data key, and binds the wrapping to the case', () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const dataKey = randomBytes(32);
    const wrapped = wrapDataKey(b, caseId, dataKey);
    expect(unwrapDataKey({ current: a, previous: [c, b] }, caseId, wrapped)).toEqual({ key: dataKey, index: 2 });
    expect(() => unwrapDataKey({ current: a, previous: [b] }, randomUUID(), wrapped)).toThrow(/master key/);
  });

  it('parses WAYMARK_PREVIOUS_MASTER_KEYS, naming a bad key by position only', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    expect(parsePreviousMasterKeys(` ${a.toString('base64')} , ${b.toString('base64')}`)).toEqual([a, b]);
    expect(parsePreviousMasterKeys(undefined)).toEqual([]);
    const bad = 'bm90LWEta2V5';
    expect(() => parsePreviousMasterKeys(`${a.toString('base64')},${bad}`)).toThrow(
      /WAYMARK_PREVIOUS_MASTER_KEYS \(key 2\)/,
    );
    try {
      parsePreviousMasterKeys(bad);
    } catch (err) {
      expect((err as Error).message).not.toContain(bad);
    }
  });

  it('rotates the embedded key file: a new key, the old one kept aside until the rotation ends', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waymark-rotate-')), 'master-key');
    const old = loadOrCreateMasterKey(file);
    const keys = beginFileRotation(file);
    expect(keys.current.equals(old)).toBe(false);
    expect(keys.previous).toEqual([old]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(previousKeysFile(file)).mode & 0o777).toBe(0o600);
    // A process started meanwhile (npm start after an interrupted rotation) reads both.
    expect(resolveMasterKeys(undefined, undefined, file)).toEqual(keys);
    // A second rotation before the first ended keeps every old key.
    const again = beginFileRotation(file);
    expect(again.previous).toEqual([old, keys.current]);
    endFileRotation(file);
    expect(existsSync(previousKeysFile(file))).toBe(false);
    expect(resolveMasterKeys(undefined, undefined, file)).toEqual({ current: again.current, previous: [] });
    expect(readFileSync(file, 'utf8').trim()).toBe(again.current.toString('base64'));
  });

  it('ignores the key file when the key is configuration, and never lists the current key as a previous one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waymark-rotate-')), 'master-key');
    const [a, b] = [randomBytes(32), randomBytes(32)];
    writeFileSync(previousKeysFile(file), `${b.toString('base64')}\n`);
    expect(resolveMasterKeys(a.toString('base64'), `${a.toString('base64')},${b.toString('base64')}`, file)).toEqual({
      current: a,
      previous: [b],
    });
    expect(resolveMasterKeys(a.toString('base64'), undefined, file)).toEqual({ current: a, previous: [] });
  });
});
