import { auditHash, canonicalJson, GENESIS_HASH, type HashedAuditFields } from './audit-hash';

const entry: HashedAuditFields = {
  at: new Date('2025-11-28T10:00:00.123Z'),
  actorSub: 'alice',
  agencyId: 'demo-a',
  action: 'workflow:task-completed',
  caseId: '6f1c2a4e-7c3b-4e0a-9a57-0c7a3f0e6a11',
  compartment: null,
  requestId: 'req-12345678',
  detail: { taskId: 't-1', step: 'review-intake' },
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('serialises dates as ISO strings and refuses non-finite numbers', () => {
    expect(canonicalJson({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe('auditHash', () => {
  it('is sha256 over the previous hash and the canonical entry', () => {
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const body =
      '{"action":"workflow:task-completed","actorSub":"alice","agencyId":"demo-a","at":"2025-11-28T10:00:00.123Z",' +
      '"caseId":"6f1c2a4e-7c3b-4e0a-9a57-0c7a3f0e6a11","compartment":null,"detail":{"step":"review-intake","taskId":"t-1"},' +
      '"requestId":"req-12345678"}';
    expect(auditHash(GENESIS_HASH, entry)).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + body)
        .digest('hex'),
    );
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('does not depend on key order in detail', () => {
    const reordered = { ...entry, detail: { step: 'review-intake', taskId: 't-1' } };
    expect(auditHash(GENESIS_HASH, reordered)).toBe(auditHash(GENESIS_HASH, entry));
  });

  it('changes when any covered field or the previous hash changes', () => {
    const base = auditHash(GENESIS_HASH, entry);
    expect(auditHash('f'.repeat(64), entry)).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...entry, action: 'workflow:task-claimed' })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...entry, at: new Date('2025-11-28T10:00:00.124Z') })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...entry, requestId: null })).not.toBe(base);
    expect(auditHash(GENESIS_HASH, { ...entry, detail: { taskId: 't-2', step: 'review-intake' } })).not.toBe(base);
  });
});
