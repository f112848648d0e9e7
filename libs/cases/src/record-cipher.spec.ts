import { randomBytes } from 'node:crypto';
import { isSealedRecord, openRecord, sealRecord, SEALED_FORMAT } from './record-cipher';

describe('case record cipher', () => {
  const key = randomBytes(32);
  const caseId = '6f1c2d3e-0000-4000-8000-000000000001';
  const data = { name: 'Zorana Canarywood', age: 17 };

  it('seals the whole value (field names too) and opens it again', () => {
    const sealed = sealRecord(key, data, caseId, 'k:intake');
    expect(sealed.$wm).toBe(SEALED_FORMAT);
    expect(JSON.stringify(sealed)).not.toMatch(/Canarywood|name|age/);
    expect(isSealedRecord(sealed)).toBe(true);
    expect(openRecord(key, sealed, caseId, 'k:intake')).toEqual(data);
  });

  it('tells plain rows (written before encryption, or redacted) apart', () => {
    expect(isSealedRecord(data)).toBe(false);
    expect(isSealedRecord({})).toBe(false);
    expect(isSealedRecord(null)).toBe(false);
    expect(isSealedRecord({ $wm: 'other', ct: 'x' })).toBe(false);
  });

  it('binds the case and the row: moved to another case or row, or under another key, it does not open', () => {
    const sealed = sealRecord(key, data, caseId, 'k:intake');
    expect(() => openRecord(key, sealed, '6f1c2d3e-0000-4000-8000-000000000002', 'k:intake')).toThrow();
    expect(() => openRecord(key, sealed, caseId, 'k:identity')).toThrow();
    expect(() => openRecord(randomBytes(32), sealed, caseId, 'k:intake')).toThrow();
  });

  it('uses a fresh IV per write', () => {
    expect(sealRecord(key, data, caseId, 'k').ct).not.toBe(sealRecord(key, data, caseId, 'k').ct);
  });
});
