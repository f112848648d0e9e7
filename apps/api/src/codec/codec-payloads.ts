import type { Payload } from '@temporalio/common';
import { DomainException, type FieldError } from '@waymark/contracts';

/** A payload in the Temporal codec server's JSON shape: metadata values and data in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export const MAX_PAYLOADS = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parses `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`, naming every bad field. */
export function parsePayloads(body: unknown): Payload[] {
  const errors: FieldError[] = [];
  // Protobuf JSON leaves an empty list out: the CLI sends `{}` for an event field with no payloads.
  const list =
    body && typeof body === 'object' && !Array.isArray(body) && !('payloads' in body)
      ? []
      : (body as { payloads?: unknown } | undefined)?.payloads;
  if (!body || typeof body !== 'object' || !Array.isArray(list)) {
    throw new DomainException('validation_failed', 'The body must be {"payloads": [...]}; see `fields`.', [
      { field: 'payloads', reason: 'must be an array of payloads' },
    ]);
  }
  if (list.length > MAX_PAYLOADS)
    errors.push({ field: 'payloads', reason: `must hold at most ${MAX_PAYLOADS} payloads` });
  const payloads = list.slice(0, MAX_PAYLOADS).map((raw, i): Payload => {
    const field = `payloads[${i}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push({ field, reason: 'must be an object with metadata and data' });
      return {};
    }
    const { metadata, data, ...rest } = raw as Record<string, unknown>;
    for (const key of Object.keys(rest)) errors.push({ field: `${field}.${key}`, reason: 'is not a payload field' });
    const out: Payload = { metadata: {} };
    if (metadata !== undefined) {
      if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
        errors.push({ field: `${field}.metadata`, reason: 'must map names to base64 strings' });
      } else {
        for (const [k, v] of Object.entries(metadata as Record<string, unknown>)) {
          if (typeof v !== 'string' || !BASE64.test(v))
            errors.push({ field: `${field}.metadata`, reason: 'every value must be base64' });
          else out.metadata![k] = Buffer.from(v, 'base64');
        }
      }
    }
    if (data !== undefined) {
      if (typeof data !== 'string' || !BASE64.test(data))
        errors.push({ field: `${field}.data`, reason: 'must be base64' });
      else out.data = Buffer.from(data, 'base64');
    }
    return out;
  });
  if (errors.length > 0)
    throw new DomainException('validation_failed', 'The payloads have invalid fields; see `fields`.', errors);
  return payloads;
}

export function toJsonPayload(p: Payload): JsonPayload {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) if (v) metadata[k] = Buffer.from(v).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? new Uint8Array()).toString('base64') };
}
