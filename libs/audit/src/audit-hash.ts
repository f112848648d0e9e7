import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Ids, codes, counts and flags only: an audit entry never carries form contents or free text. */
export type AuditDetailValue = string | number | boolean | null | AuditDetailValue[];
export type AuditDetail = Record<string, AuditDetailValue>;

/** The fields a row's hash covers (everything but `id`, `prev_hash` and `hash`). */
export interface HashedAuditFields {
  at: Date;
  actorSub: string | null;
  agencyId: string | null;
  action: string;
  caseId: string | null;
  compartment: string | null;
  requestId: string | null;
  detail: AuditDetail;
}

/**
 * JSON with object keys sorted at every level and no whitespace, so the same entry always serialises to the same
 * bytes, whatever order the code built it in or PostgreSQL's jsonb gives it back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('audit entries hold finite numbers only');
  return JSON.stringify(value);
}

/** `sha256(prev_hash + canonical JSON of the entry)`, hex. */
export function auditHash(prevHash: string, fields: HashedAuditFields): string {
  const body = canonicalJson({
    action: fields.action,
    actorSub: fields.actorSub,
    agencyId: fields.agencyId,
    // timestamptz keeps microseconds, JS dates milliseconds: entries are stamped (and hashed) at millisecond precision.
    at: fields.at.toISOString(),
    caseId: fields.caseId,
    compartment: fields.compartment,
    detail: fields.detail,
    requestId: fields.requestId,
  });
  return createHash('sha256')
    .update(prevHash + body)
    .digest('hex');
}
