import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Waymark-Signature';
export const TIMESTAMP_HEADER = 'X-Waymark-Timestamp';
export const DELIVERY_HEADER = 'X-Waymark-Delivery';

/**
 * HMAC-SHA256 over `<timestamp>.<body>` with the webhook's secret, sent as `sha256=<hex>`. Signing the timestamp
 * lets receivers refuse replays of old deliveries.
 */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Seconds to wait before the next attempt: 2, 4, 8 … capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 2 ** Math.max(1, attempt));
}
