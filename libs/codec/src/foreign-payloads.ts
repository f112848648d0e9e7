import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { FOREIGN_PAYLOAD_MARKER } from '@waymark/contracts';
import { caseIdFromWorkflowId, type CasePayloadCodec } from './payload-codec';

/** The payload a refused one is replaced with: JSON of FOREIGN_PAYLOAD_MARKER, nothing of what was sent. */
export function foreignPayloadMarker(): Payload {
  return {
    metadata: { encoding: new TextEncoder().encode('json/plain') },
    data: new TextEncoder().encode(JSON.stringify(FOREIGN_PAYLOAD_MARKER)),
  };
}

/** Told of each refusal: only the serialization context's kind, never the payload or the workflow id. */
export type ForeignPayloadListener = (refused: { context: SerializationContext['type'] | 'none' }) => void;

/**
 * The worker's codec: encodes like CasePayloadCodec, and decodes only payloads encrypted with a key Waymark holds,
 * and within a case's workflow only that case's (or the `system` key's). Every other payload becomes the
 * foreign-payload marker instead of throwing: a decode error inside a workflow activation fails the workflow task,
 * Temporal retries it for ever, and a signal already in the history would meet the same error on every replay, so
 * a throw would hand anyone who reaches the frontend a way to stall a case. With the marker the update validators
 * refuse the update before anything is written, and the signal handlers ignore the signal deterministically
 * (docs/architecture/decisions/0008-foreign-payloads.md).
 */
export class ForeignPayloadRefusingCodec implements PayloadCodec {
  constructor(
    readonly inner: CasePayloadCodec,
    private readonly onRefused?: ForeignPayloadListener,
  ) {}

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return this.inner.encode(payloads, context);
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const forCase = caseIdFromWorkflowId(context?.workflowId);
    return Promise.all(
      payloads.map(async (payload) => {
        const decoded = await this.inner.decodeIfOurs(payload, forCase);
        if (decoded) return decoded;
        this.onRefused?.({ context: context?.type ?? 'none' });
        return foreignPayloadMarker();
      }),
    );
  }
}
