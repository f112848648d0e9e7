/**
 * What the worker's payload codec hands a workflow in place of a payload that is not encrypted with a key Waymark
 * holds (plain text sent straight to the Temporal frontend, a forged or relabelled ciphertext): never the sender's
 * content, only this marker. Update validators refuse it, signal handlers ignore it, and a workflow started with it
 * fails at once (docs/architecture/decisions/0008-foreign-payloads.md). Only a holder of Waymark's keys can produce
 * a payload that decodes to this object, and the codec never does.
 */
export const FOREIGN_PAYLOAD_FIELD = 'waymarkForeignPayload';

/** The failure type of an update refused, or a workflow failed, because an argument was a foreign payload. */
export const FOREIGN_PAYLOAD_FAILURE = 'ForeignPayload';

export interface ForeignPayloadMarker {
  [FOREIGN_PAYLOAD_FIELD]: true;
}

export const FOREIGN_PAYLOAD_MARKER: ForeignPayloadMarker = { [FOREIGN_PAYLOAD_FIELD]: true };

export function isForeignPayload(value: unknown): value is ForeignPayloadMarker {
  return (
    typeof value === 'object' && value !== null && (value as Record<string, unknown>)[FOREIGN_PAYLOAD_FIELD] === true
  );
}

/** True when any of a handler's arguments came from outside Waymark. */
export function hasForeignPayload(args: readonly unknown[]): boolean {
  return args.some(isForeignPayload);
}
