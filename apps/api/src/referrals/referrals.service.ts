import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConsentStore } from '@waymark/cases';
import { seal } from '@waymark/codec';
import {
  CATEGORY_RULES,
  DomainException,
  consentActive,
  fieldCategory,
  type Actor,
  type FieldError,
} from '@waymark/contracts';
import { referralFields, referralFieldsAad, type ReferralRow } from '@waymark/referral';
import { TemporalClientHolder } from '@waymark/temporal';
import { referralWorkflow } from '@waymark/workflows/referral';
import { referralWorkflowId, sendReferralMessageSignal } from '@waymark/workflows/referral/referral-contract';
import { sopById } from '@waymark/workflows/sops';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { requireVisibleCase } from '../cases/visible-case';
import type { SendReferralDto } from './referral.dto';
import { ReferralDeps } from './referral-deps';
import { outgoingView } from './referral-view';

const invalid = (fields: FieldError[]) =>
  new DomainException('validation_failed', 'The referral has invalid fields; see `fields`.', fields);

/**
 * Sending a referral to a partner deployment from a case (docs/referral-protocol.md): checked against the partner
 * directory, the receiving SOP's intake and the person's consent, sealed, then delivered by a workflow.
 */
@Injectable()
export class ReferralsService {
  private readonly logger = new Logger('Referrals');
  private readonly consents: ConsentStore;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly deps: ReferralDeps,
    private readonly temporal: TemporalClientHolder,
  ) {
    this.consents = new ConsentStore(ds);
  }

  async send(actor: Actor, caseId: string, dto: SendReferralDto) {
    const kase = await requireVisibleCase(this.ds.manager, actor, caseId);
    if (kase.status !== 'open') throw new DomainException('case_closed', 'The case is closed: nothing is referred.');
    const partner = await this.deps.partners.get(dto.partner);
    if (!partner) throw invalid([{ field: 'partner', reason: 'no partner deployment with this id' }]);
    if (!partner.accepts.some((a) => a.agency === dto.agency && a.sops.includes(dto.sop)))
      throw invalid([{ field: 'agency', reason: 'the partner lists no such agency taking referrals of this SOP' }]);
    const sop = sopById(dto.sop);
    if (!sop) throw invalid([{ field: 'sop', reason: 'is not an SOP this deployment knows' }]);
    const checked = referralFields(sop, dto.fields);
    if ('errors' in checked) throw invalid(checked.errors);

    const consent = await this.consents.get(caseId, dto.consentId);
    if (!consent) throw invalid([{ field: 'consentId', reason: 'no consent with this id in this case' }]);
    const fact = { withdrawn: consent.withdrawn_at !== null, validUntil: consent.valid_until?.toISOString() ?? null };
    if (!consentActive(fact))
      throw new DomainException('consent_required', 'The consent is withdrawn or expired: nothing is referred.');
    if (consent.purpose !== 'sharing' || consent.shared_with_partner !== `${dto.partner}/${dto.agency}`)
      throw invalid([
        { field: 'consentId', reason: "the consent does not name this partner's agency (sharedWithPartner)" },
      ]);
    // Each field's category that needs consent must be in the consent's scope (the packet carries nothing else).
    const compartment = sop.intakeCompartment ?? 'intake';
    const uncovered = Object.keys(checked.fields).flatMap((field): FieldError[] => {
      const rule = CATEGORY_RULES[fieldCategory(sop.intake, field, compartment)];
      if (rule.onlyKinds) return [{ field: `fields.${field}`, reason: 'is police-only data: never referred' }];
      const scope = rule.consentScope;
      return scope && !consent.scope.includes(scope)
        ? [{ field: `fields.${field}`, reason: `the consent's scope does not include ${scope}` }]
        : [];
    });
    if (uncovered.length > 0) throw invalid(uncovered);

    const referralId = randomUUID();
    const key = await this.deps.codec.keyring.keyForEncode(caseId);
    await this.deps.store.create({
      id: referralId,
      direction: 'out',
      partnerId: dto.partner,
      localAgency: actor.agencyId,
      remoteAgency: dto.agency,
      sop: dto.sop,
      caseId,
      consentId: consent.id,
      personCode: dto.personCode,
      state: 'sending',
      sealedFields: seal(key, Buffer.from(JSON.stringify(checked.fields), 'utf8'), referralFieldsAad(referralId)),
      consent: {
        consentId: consent.id,
        purpose: consent.purpose,
        scope: consent.scope,
        ...(consent.valid_until ? { validUntil: consent.valid_until.toISOString() } : {}),
      },
    });
    try {
      const client = await this.temporal.client();
      await client.workflow.start(referralWorkflow, {
        taskQueue: this.deps.taskQueue,
        workflowId: referralWorkflowId('out', referralId),
        args: [this.deps.workflowInput(referralId, 'out', randomUUID())],
      });
    } catch (err) {
      await this.deps.store.transition(referralId, 'out', 'failed');
      throw err;
    }
    this.logger.log({ msg: 'referral sent', referralId, partner: dto.partner, caseId });
    return { referralId, state: 'sending' as const };
  }

  async list(actor: Actor, caseId: string) {
    await requireVisibleCase(this.ds.manager, actor, caseId);
    return { items: (await this.deps.store.listForCase(caseId)).map(outgoingView) };
  }

  /**
   * The person withdrew a consent: every referral sent under it gets a withdrawal notice (the partner erases what
   * it received and confirms). Called after the withdrawal is committed.
   */
  async consentWithdrawn(consentId: string, withdrawnAt: string): Promise<void> {
    await this.withdrawAll(await this.deps.store.outgoingUnderConsent(consentId), withdrawnAt);
  }

  /** The sending case was erased: every partner that received a referral from it is told to erase it too. */
  async caseErased(caseId: string, erasedAt: string): Promise<void> {
    await this.withdrawAll(await this.deps.store.listForCase(caseId), erasedAt);
  }

  private async withdrawAll(rows: readonly ReferralRow[], withdrawnAt: string): Promise<void> {
    for (const row of rows) {
      const consentId = row.consent_id ?? row.consent?.consentId;
      if (!consentId) continue;
      if (['withdrawal-sent', 'withdrawn', 'failed'].includes(row.state)) continue;
      try {
        const client = await this.temporal.client();
        // The sending side's workflow runs until its withdrawal is delivered. The message id is derived, so a
        // repeated call queues the notice once.
        await client.workflow.getHandle(referralWorkflowId('out', row.id)).signal(sendReferralMessageSignal, {
          messageId: uuidFrom(`withdrawal:${row.id}:${consentId}`),
          type: 'withdrawal',
          body: { consentId, withdrawnAt },
        });
        await this.deps.store.transition(row.id, 'out', 'withdrawal-sent');
      } catch (err) {
        // The consent is withdrawn whatever happens here; the case's referrals list shows the notice not sent.
        this.logger.error({ msg: 'withdrawal notice not queued', referralId: row.id, error: (err as Error).name });
      }
    }
  }
}

/** A UUID (version 4 layout) derived from a key: the same key, the same id. */
export function uuidFrom(key: string): string {
  const h = createHash('sha256').update(`waymark:${key}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
