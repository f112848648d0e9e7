import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal, UnknownCaseKeyError, type CaseKeyring } from './keyring';

/** Metadata `encoding` of our encrypted payloads. */
export const ENCRYPTED_ENCODING = 'binary/waymark-aes256gcm';
/** Metadata naming whose key encrypted the payload: a case id (a random UUID) or `system`. */
export const CASE_METADATA = 'waymark-case';
export const SYSTEM_KEY_OWNER = 'system';

const CASE_WORKFLOW_ID =
  /^case-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?::[A-Za-z0-9-]{1,16})?$/;

/** The case of a workflow id: `case-<uuid>` (see workflowIdForCase) or a person branch `case-<uuid>:<code>`. */
export function caseIdFromWorkflowId(workflowId: string | undefined): string | undefined {
  return workflowId ? CASE_WORKFLOW_ID.exec(workflowId)?.[1] : undefined;
}

/** A key owner a Waymark encoder can write: a case id (lower-case UUID) or `system`. */
const KEY_OWNER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|system)$/;

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}

/** The key owner named by an encrypted payload (a case id or `system`). */
export function keyOwnerOf(payload: Payload): string | undefined {
  return isEncrypted(payload) ? text(payload.metadata?.[CASE_METADATA]) : undefined;
}

/**
 * Encrypts every Temporal payload with AES-256-GCM under the data key of the case that owns it (found from the
 * serialization context's workflow id), or under the deployment's `system` key when no case owns it. The whole
 * original Payload (metadata included) is serialized and encrypted, so not even its encoding shows. The owner is
 * bound as additional authenticated data, so relabelling a payload with another case id makes it fail to decrypt.
 */
export class CasePayloadCodec implements PayloadCodec {
  constructor(readonly keyring: CaseKeyring) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    return this.encodeFor(caseIdFromWorkflowId(context?.workflowId) ?? SYSTEM_KEY_OWNER, payloads);
  }

  async encodeFor(owner: string, payloads: Payload[]): Promise<Payload[]> {
    const key = await this.keyring.keyForEncode(owner);
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [CASE_METADATA]: utf8(owner) },
      data: seal(key, temporal.api.common.v1.Payload.encode(payload).finish(), owner),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.decodeOne(p)));
  }

  /** Decodes one payload; ours need their owner's key, anything else passes through unchanged. */
  async decodeOne(payload: Payload): Promise<Payload> {
    const owner = keyOwnerOf(payload);
    if (!isEncrypted(payload)) return payload;
    if (!owner) throw new Error(`an ${ENCRYPTED_ENCODING} payload must name its key owner`);
    const key = await this.keyring.keyForDecode(owner);
    const decoded = temporal.api.common.v1.Payload.decode(open(key, payload.data ?? new Uint8Array(), owner));
    return { metadata: decoded.metadata, data: decoded.data };
  }

  /**
   * Decodes a payload only when it is ours and verifies: encrypted, naming a well-formed owner that has a stored key,
   * and opening under that key. Anything else (plain text, an unknown owner, a forged or relabelled ciphertext) is
   * `undefined`, for the caller to refuse. An erased case (CaseErasedError) and infrastructure errors (the key store
   * unreachable, a master key missing) still throw: those are not the sender's doing and must not drop a real payload.
   * With `forCase` (the case of the workflow decoding it), a payload of another case is foreign too: a ciphertext
   * copied from one case's history does not act in another. `system` payloads stay accepted everywhere.
   */
  async decodeIfOurs(payload: Payload, forCase?: string): Promise<Payload | undefined> {
    const owner = keyOwnerOf(payload);
    if (!owner || !KEY_OWNER.test(owner)) return undefined;
    if (forCase && owner !== forCase && owner !== SYSTEM_KEY_OWNER) return undefined;
    let key: Buffer;
    try {
      key = await this.keyring.keyForDecode(owner);
    } catch (err) {
      if (err instanceof UnknownCaseKeyError) return undefined;
      throw err;
    }
    try {
      const decoded = temporal.api.common.v1.Payload.decode(open(key, payload.data ?? new Uint8Array(), owner));
      return { metadata: decoded.metadata, data: decoded.data };
    } catch {
      // The GCM tag does not verify: not encrypted by a holder of this case's key.
      return undefined;
    }
  }
}
