import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { FOREIGN_PAYLOAD_MARKER, isForeignPayload } from '@waymark/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { InMemoryCaseKeyStore, type CaseKeyStore } from './key-store';
import { CaseErasedError, CaseKeyring } from './keyring';
import { ForeignPayloadRefusingCodec } from './foreign-payloads';
import { CASE_METADATA, CasePayloadCodec, ENCRYPTED_ENCODING } from './payload-codec';

const forged = { taskId: 'task-1', actor: { sub: 'mallory', agencyId: 'demo-a', roles: ['caseworker'] } };
const utf8 = (s: string) => Buffer.from(s, 'utf8');

function setup(store: CaseKeyStore = new InMemoryCaseKeyStore()) {
  const inner = new CasePayloadCodec(new CaseKeyring(store, randomBytes(32)));
  const refused: string[] = [];
  const codec = new ForeignPayloadRefusingCodec(inner, ({ context }) => refused.push(context));
  return { inner, codec, refused };
}

const caseId = randomUUID();
const context = { type: 'workflow' as const, namespace: 'default', workflowId: `case-${caseId}` };
const decodedValue = async (codec: ForeignPayloadRefusingCodec, payload: Payload) =>
  defaultPayloadConverter.fromPayload((await codec.decode([payload], context))[0]);

describe('ForeignPayloadRefusingCodec (the worker codec)', () => {
  it('decodes our own payloads as the case codec does', async () => {
    const { codec, refused } = setup();
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(forged)], context);
    expect(await decodedValue(codec, encoded)).toEqual(forged);
    expect(refused).toEqual([]);
  });

  it('replaces a plain-text payload with the marker, never its content', async () => {
    const { codec, refused } = setup();
    const plain = defaultPayloadConverter.toPayload(forged);
    const [out] = await codec.decode([plain], context);
    expect(Buffer.from(out.data ?? []).toString('utf8')).not.toContain('mallory');
    const value = defaultPayloadConverter.fromPayload(out);
    expect(value).toEqual(FOREIGN_PAYLOAD_MARKER);
    expect(isForeignPayload(value)).toBe(true);
    expect(isForeignPayload(forged)).toBe(false);
    expect(refused).toEqual(['workflow']);
  });

  it('refuses forged ciphertexts: garbage, an unknown or malformed owner, another key, a relabelled owner', async () => {
    const { codec, inner } = setup();
    const otherCase = randomUUID();
    const [ours] = await inner.encode([defaultPayloadConverter.toPayload(forged)], context);
    await inner.encode([defaultPayloadConverter.toPayload('x')], { ...context, workflowId: `case-${otherCase}` });
    const encrypted = (owner: string, data: Uint8Array): Payload => ({
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [CASE_METADATA]: utf8(owner) },
      data,
    });
    const [underAnotherKey] = await setup().inner.encode([defaultPayloadConverter.toPayload(forged)], context);
    const cases: Payload[] = [
      encrypted(caseId, randomBytes(64)),
      encrypted(caseId, new Uint8Array()),
      encrypted(randomUUID(), randomBytes(64)),
      encrypted("'; DROP TABLE case_keys; --", randomBytes(64)),
      { metadata: { encoding: utf8(ENCRYPTED_ENCODING) }, data: randomBytes(64) },
      underAnotherKey,
      { ...ours, metadata: { ...ours.metadata, [CASE_METADATA]: utf8(otherCase) } },
    ];
    for (const payload of cases) expect(await decodedValue(codec, payload)).toEqual(FOREIGN_PAYLOAD_MARKER);
  });

  it("refuses another case's genuine payload inside this case's workflow, and accepts system payloads", async () => {
    const { codec, inner } = setup();
    const otherCase = randomUUID();
    const [theirs] = await inner.encode([defaultPayloadConverter.toPayload(forged)], {
      ...context,
      workflowId: `case-${otherCase}`,
    });
    expect(await decodedValue(codec, theirs)).toEqual(FOREIGN_PAYLOAD_MARKER);
    // The same payload is fine in its own case (and its person branches), and where no case decodes it.
    const own = { ...context, workflowId: `case-${otherCase}:W1` };
    expect(defaultPayloadConverter.fromPayload((await codec.decode([theirs], own))[0])).toEqual(forged);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([theirs]))[0])).toEqual(forged);
    const [system] = await inner.encode([defaultPayloadConverter.toPayload('sys')]);
    expect(await decodedValue(codec, system)).toBe('sys');
  });

  it('still throws when the case was erased or the key store fails: those are not the sender’s doing', async () => {
    const store = new InMemoryCaseKeyStore();
    const { codec, inner } = setup(store);
    const [ours] = await inner.encode([defaultPayloadConverter.toPayload(forged)], context);
    await inner.keyring.destroy(caseId);
    await expect(codec.decode([ours], context)).rejects.toThrow(CaseErasedError);
    const broken: CaseKeyStore = {
      get: () => Promise.reject(new Error('connection refused')),
      getOrCreate: () => Promise.reject(new Error('connection refused')),
      destroy: () => Promise.reject(new Error('connection refused')),
    };
    await expect(setup(broken).codec.decode([ours], context)).rejects.toThrow('connection refused');
  });
});
