import { Injectable } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import { AuditLog } from '@waymark/audit';
import {
  CaseErasedError,
  CasePayloadCodec,
  isEncrypted,
  keyOwnerOf,
  SYSTEM_KEY_OWNER,
  UnknownCaseKeyError,
} from '@waymark/codec';
import { DomainException, type Actor } from '@waymark/contracts';
import { requestContext } from '@waymark/logging';
import { CodecSessions } from './codec-session';

/** Roles that may decode Temporal payloads (platform operators; see README "Personal data inside Temporal"). */
export const CODEC_ROLES = ['operator', 'platform-admin'];

type Outcome = 'decoded' | 'erased' | 'unknown-key';

/** The codec server behind Temporal's Web UI and CLI: decodes and encodes for operators, and audits every decode. */
@Injectable()
export class CodecService {
  constructor(
    private readonly codec: CasePayloadCodec,
    private readonly audit: AuditLog,
    private readonly sessions: CodecSessions,
  ) {}

  /** Opens a codec session for an operator's browser (see codec-session.ts); audited like a decode. */
  async openSession(actor: Actor): Promise<{ value: string; expiresAt: string }> {
    this.requireOperator(actor);
    const session = this.sessions.issue(actor);
    await this.audit.append({
      action: 'codec-session-opened',
      actorSub: actor.sub,
      agencyId: actor.agencyId,
      caseId: null,
      requestId: requestContext.get()?.requestId ?? null,
      detail: { expiresAt: session.expiresAt },
    });
    return session;
  }

  private requireOperator(actor: Actor): void {
    if (!actor.roles.some((r) => CODEC_ROLES.includes(r))) {
      throw new DomainException(
        'forbidden',
        `Decoding Temporal payloads needs one of the roles: ${CODEC_ROLES.join(', ')}.`,
      );
    }
  }

  /**
   * Decodes what it can. A payload of an erased case (or with no stored key) is returned still encoded, so a UI
   * showing a whole history keeps working; it simply cannot show that case's data any more.
   */
  async decode(actor: Actor, payloads: Payload[]): Promise<Payload[]> {
    this.requireOperator(actor);
    const perOwner = new Map<string, { count: number; outcome: Outcome }>();
    const out = await Promise.all(
      payloads.map(async (p) => {
        if (!isEncrypted(p)) return p;
        const owner = keyOwnerOf(p);
        if (!owner) throw undecryptable();
        let outcome: Outcome = 'decoded';
        let result = p;
        try {
          result = await this.codec.decodeOne(p);
        } catch (err) {
          if (err instanceof CaseErasedError) outcome = 'erased';
          else if (err instanceof UnknownCaseKeyError) outcome = 'unknown-key';
          else throw undecryptable();
        }
        const seen = perOwner.get(owner) ?? { count: 0, outcome };
        seen.count += 1;
        if (outcome !== 'decoded') seen.outcome = outcome;
        perOwner.set(owner, seen);
        return result;
      }),
    );
    const requestId = requestContext.get()?.requestId ?? null;
    for (const [owner, { count, outcome }] of perOwner) {
      await this.audit.append({
        action: 'codec-decode',
        actorSub: actor.sub,
        agencyId: actor.agencyId,
        caseId: owner === SYSTEM_KEY_OWNER ? null : owner,
        requestId,
        detail: { payloads: count, outcome, ...(owner === SYSTEM_KEY_OWNER ? { key: SYSTEM_KEY_OWNER } : {}) },
      });
    }
    return out;
  }

  /** Encodes with the deployment's system key: the UI and CLI send no case context with what they encode. */
  async encode(actor: Actor, payloads: Payload[]): Promise<Payload[]> {
    this.requireOperator(actor);
    return payloads.length === 0 ? payloads : this.codec.encodeFor(SYSTEM_KEY_OWNER, payloads);
  }
}

function undecryptable(): DomainException {
  return new DomainException('validation_failed', 'A payload could not be decrypted.', [
    { field: 'payloads', reason: 'holds an encrypted payload that names no key or fails authentication' },
  ]);
}
