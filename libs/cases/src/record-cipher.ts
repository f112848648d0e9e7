import { open, seal } from '@waymark/codec';

/** Marks a sealed `case_records.data` value: `{ "$wm": SEALED_FORMAT, "ct": base64(iv | ciphertext | tag) }`. */
export const SEALED_FORMAT = 'aes256gcm.v1';

export interface SealedRecord {
  $wm: typeof SEALED_FORMAT;
  ct: string;
}

/** What binds a record's ciphertext to its row: a sealed value copied to another case or row does not open. */
export function recordAad(caseId: string, eventKey: string): string {
  return `case_records:${caseId}:${eventKey}`;
}

export function isSealedRecord(data: unknown): data is SealedRecord {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as Record<string, unknown>).$wm === SEALED_FORMAT &&
    typeof (data as Record<string, unknown>).ct === 'string'
  );
}

/** Encrypts a record's field values (the whole object, field names included) under the case's data key. */
export function sealRecord(key: Buffer, data: Record<string, unknown>, caseId: string, eventKey: string): SealedRecord {
  const ct = seal(key, Buffer.from(JSON.stringify(data), 'utf8'), recordAad(caseId, eventKey));
  return { $wm: SEALED_FORMAT, ct: ct.toString('base64') };
}

export function openRecord(
  key: Buffer,
  sealed: SealedRecord,
  caseId: string,
  eventKey: string,
): Record<string, unknown> {
  const plain = open(key, Buffer.from(sealed.ct, 'base64'), recordAad(caseId, eventKey));
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
}
