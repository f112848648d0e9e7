import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryCaseKeyStore } from './key-store';
import { CaseErasedError, CaseKeyring, UnknownCaseKeyError } from './keyring';
import { loadOrCreateMasterKey, parseMasterKey } from './master-key';
import {
  caseIdFromWorkflowId,
  CASE_METADATA,
  CasePayloadCodec,
  ENCRYPTED_ENCODING,
  SYSTEM_KEY_OWNER,
} from './payload-codec';

const CANARY = 'Zorana Canarywood';
const text = (b?: Uint8Array | null) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

function setup(master = randomBytes(32)) {
  const store = new InMemoryCaseKeyStore();
  const codec = new CasePayloadCodec(new CaseKeyring(store, master));
  return { store, codec, master };
}

describe('CasePayloadCodec', () => {
  const caseId = randomUUID();
  const context = { type: 'workflow' as const, namespace: 'default', workflowId: `case-${caseId}` };
  const payload = defaultPayloadConverter.toPayload({ note: `Met ${CANARY}` });

  it('round-trips a payload and hides its contents and original metadata', async () => {
    const { codec, store } = setup();
    const [encoded] = await codec.encode([payload], context);
    expect(text(encoded.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded.metadata?.[CASE_METADATA])).toBe(caseId);
    expect(Object.keys(encoded.metadata ?? {}).sort()).toEqual(['encoding', CASE_METADATA].sort());
    expect(text(encoded.data)).not.toContain('Canarywood');
    expect(text(encoded.data)).not.toContain('json/plain');
    expect(store.rows.get(caseId)?.wrappedKey).toHaveLength(12 + 32 + 16);
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ note: `Met ${CANARY}` });
    expect(text(decoded.metadata?.encoding)).toBe('json/plain');
  });

  it('keys person branches by their case and uses the system key without a case context', async () => {
    const { codec } = setup();
    const [child] = await codec.encode([payload], { ...context, workflowId: `case-${caseId}:W1` });
    expect(text(child.metadata?.[CASE_METADATA])).toBe(caseId);
    const [activity] = await codec.encode([payload], {
      type: 'activity',
      namespace: 'default',
      workflowId: `case-${caseId}`,
      isLocal: false,
    });
    expect(text(activity.metadata?.[CASE_METADATA])).toBe(caseId);
    for (const ctx of [undefined, { ...context, workflowId: 'bench-bare-1' }]) {
      const [sys] = await codec.encode([payload], ctx);
      expect(text(sys.metadata?.[CASE_METADATA])).toBe(SYSTEM_KEY_OWNER);
      expect(text(sys.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(defaultPayloadConverter.fromPayload((await codec.decode([sys]))[0])).toEqual({ note: `Met ${CANARY}` });
    }
    expect(caseIdFromWorkflowId(`case-${caseId}:not a code!`)).toBeUndefined();
  });

  it('passes payloads it did not encode through unchanged', async () => {
    const { codec } = setup();
    expect(await codec.decode([payload])).toEqual([payload]);
  });

  it('fails to decode under another master key, or when the payload is relabelled to another case', async () => {
    const a = setup();
    const [encoded] = await a.codec.encode([payload], context);
    const other = new CasePayloadCodec(new CaseKeyring(a.store, randomBytes(32)));
    await expect(other.decode([encoded])).rejects.toThrow();
    const otherCase = randomUUID();
    await a.codec.encode([payload], { ...context, workflowId: `case-${otherCase}` });
    const relabelled = { ...encoded, metadata: { ...encoded.metadata, [CASE_METADATA]: Buffer.from(otherCase) } };
    await expect(a.codec.decode([relabelled])).rejects.toThrow();
  });

  it('cannot decode an erased case, nor create a new key for it; other cases are unaffected', async () => {
    const { codec, store, master } = setup();
    const [encoded] = await codec.encode([payload], context);
    const otherCase = randomUUID();
    const [other] = await codec.encode([payload], { ...context, workflowId: `case-${otherCase}` });
    await codec.keyring.destroy(caseId);
    expect(store.rows.get(caseId)).toEqual({ wrappedKey: null });
    await expect(codec.decode([encoded])).rejects.toBeInstanceOf(CaseErasedError);
    await expect(codec.encode([payload], context)).rejects.toBeInstanceOf(CaseErasedError);
    // A second process with its own cache sees the erasure through the store.
    const fresh = new CasePayloadCodec(new CaseKeyring(store, master));
    await expect(fresh.decode([encoded])).rejects.toBeInstanceOf(CaseErasedError);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([other]))[0])).toEqual({ note: `Met ${CANARY}` });
  });

  it('reports a payload whose case never had a key', async () => {
    const a = setup();
    const [encoded] = await a.codec.encode([payload], context);
    const b = setup(a.master);
    await expect(b.codec.decode([encoded])).rejects.toBeInstanceOf(UnknownCaseKeyError);
  });

  it('makes one key per case even under concurrent first encodes', async () => {
    const { codec, store } = setup();
    const id = randomUUID();
    const all = await Promise.all(
      Array.from({ length: 20 }, () => codec.encode([payload], { ...context, workflowId: `case-${id}` })),
    );
    expect(store.rows.size).toBe(1);
    for (const [p] of all)
      expect(defaultPayloadConverter.fromPayload((await codec.decode([p]))[0])).toEqual({ note: `Met ${CANARY}` });
  });

  it('keeps an unwrapped key for the TTL only, then reads the store again', async () => {
    let now = 0;
    const store = new InMemoryCaseKeyStore();
    const codec = new CasePayloadCodec(new CaseKeyring(store, randomBytes(32), { ttlMs: 1000, now: () => now }));
    const [encoded] = await codec.encode([payload], context);
    // Another process erased the case: this one still holds the key until the TTL passes.
    store.rows.set(caseId, { wrappedKey: null });
    await expect(codec.decode([encoded])).resolves.toHaveLength(1);
    now = 1001;
    await expect(codec.decode([encoded])).rejects.toBeInstanceOf(CaseErasedError);
  });
});

describe('master key', () => {
  it('accepts the base64 of 32 bytes and names the variable otherwise, without echoing the value', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('base64')).equals(key)).toBe(true);
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), `${key.toString('base64')}!!`]) {
      expect(() => parseMasterKey(bad)).toThrow(/^WAYMARK_MASTER_KEY must be the base64 of 32 random bytes/);
    }
    expect(() => parseMasterKey('c2VjcmV0LXZhbHVl')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('c2VjcmV0') }),
    );
  });

  it('creates the data directory key once, readable by its owner only, and loads the same key after', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'waymark-mk-')), 'sub', 'master-key');
    const first = loadOrCreateMasterKey(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(file).equals(first)).toBe(true);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
  });
});
