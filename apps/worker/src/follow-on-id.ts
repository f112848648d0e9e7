import { createHash } from 'node:crypto';

/**
 * The follow-on case's id: a UUID derived from the case id, the step and the person's code (never personal data),
 * so a retried activity or a crashed worker's replacement starts the same case, never a second one.
 */
export function followOnCaseId(caseId: string, step: string, subject?: string): string {
  const h = createHash('sha256')
    .update(`waymark:follow-on:${caseId}:${step}:${subject ?? ''}`)
    .digest();
  h[6] = (h[6] & 0x0f) | 0x50; // version 5 style: name-based
  h[8] = (h[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
