import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgencyStore } from '@waymark/agencies';
import { CaseStore } from '@waymark/cases';
import { CaseErasedError, UnknownCaseKeyError, open } from '@waymark/codec';
import { DomainException, type Actor } from '@waymark/contracts';
import { referralFieldsAad, type ReferralRow } from '@waymark/referral';
import { TemporalClientHolder } from '@waymark/temporal';
import { referralWorkflowId, sendReferralMessageSignal } from '@waymark/workflows/referral/referral-contract';
import { DataSource } from 'typeorm';
import { CaseStarter } from '../cases/case-starter';
import type { ReferralDecisionDto, ReferralStatusDto } from './referral.dto';
import { ReferralDeps } from './referral-deps';
import { incomingView } from './referral-view';
import { uuidFrom } from './referrals.service';

/**
 * Referrals received from partner deployments, as the receiving agency works them: the list (its "task"), the
 * packet's fields, the decision (accepting starts the receiving SOP's case with the packet's fields as its intake)
 * and the news sent back. Each answer goes back to the sender as a signed message through the referral's workflow.
 */
@Injectable()
export class IncomingReferralsService {
  private readonly logger = new Logger('IncomingReferrals');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly deps: ReferralDeps,
    private readonly temporal: TemporalClientHolder,
    private readonly starter: CaseStarter,
    private readonly store: CaseStore,
  ) {}

  async list(actor: Actor) {
    return { items: (await this.deps.store.listIncoming(actor.agencyId)).map(incomingView) };
  }

  async get(actor: Actor, id: string) {
    const row = await this.mine(actor, id);
    return { ...incomingView(row), fields: await this.fields(row) };
  }

  async decide(actor: Actor, id: string, dto: ReferralDecisionDto) {
    const row = await this.mine(actor, id);
    const body = { decision: dto.decision, ...(dto.reason ? { reason: dto.reason } : {}) };
    if (row.state === dto.decision) {
      // A repeated decision (the first answer may have been lost): the message again, taken once by the workflow.
      await this.send(row.id, `decision:${row.id}`, 'decision', body);
      return incomingView(row);
    }
    if (row.state !== 'received')
      throw new DomainException('conflict', `The referral is ${row.state}: it can no longer be decided.`);
    let caseId: string | undefined;
    if (dto.decision === 'accepted') caseId = await this.startCase(actor, row);
    await this.deps.store.transition(row.id, 'in', dto.decision, {
      ...(caseId ? { caseId } : {}),
      ...(dto.reason ? { declineReason: dto.reason } : {}),
    });
    // A declined referral's data is not needed: its key is destroyed at once.
    if (dto.decision === 'declined') await this.deps.destroyReceivedData(row.id);
    await this.send(row.id, `decision:${row.id}`, 'decision', body);
    return incomingView((await this.deps.store.get(row.id, 'in'))!);
  }

  async status(actor: Actor, id: string, dto: ReferralStatusDto) {
    const row = await this.mine(actor, id);
    if (row.state === dto.status) {
      await this.send(row.id, `status:${row.id}:${dto.status}`, 'status', { status: dto.status });
      return incomingView(row);
    }
    if (
      !['accepted', 'person-arrived'].includes(row.state) ||
      (dto.status === 'person-arrived' && row.state !== 'accepted')
    )
      throw new DomainException('conflict', `The referral is ${row.state}: ${dto.status} does not follow.`);
    await this.deps.store.transition(row.id, 'in', dto.status);
    await this.send(row.id, `status:${row.id}:${dto.status}`, 'status', { status: dto.status });
    return incomingView((await this.deps.store.get(row.id, 'in'))!);
  }

  private async mine(actor: Actor, id: string): Promise<ReferralRow> {
    const row = await this.deps.store.get(id, 'in');
    // Another agency's referral is as unknown as a missing one.
    if (!row || row.local_agency !== actor.agencyId)
      throw new DomainException('not_found', 'No referral with this id was received by your agency.');
    return row;
  }

  private async fields(row: ReferralRow): Promise<Record<string, unknown> | null> {
    if (!row.sealed_fields) return null;
    try {
      const key = await this.deps.codec.keyring.keyForDecode(row.id);
      return JSON.parse(open(key, row.sealed_fields, referralFieldsAad(row.id)).toString('utf8')) as Record<
        string,
        unknown
      >;
    } catch (err) {
      if (err instanceof CaseErasedError || err instanceof UnknownCaseKeyError) return null;
      throw err;
    }
  }

  /** The receiving SOP's case, its intake the packet's fields, the receiving agency in the slot of its kind. */
  private async startCase(actor: Actor, row: ReferralRow): Promise<string> {
    const sop = this.starter.sop(row.sop);
    if ('field' in sop) throw new DomainException('conflict', 'The receiving SOP is no longer run here.');
    const fields = await this.fields(row);
    if (!fields) throw new DomainException('conflict', 'The referral’s data was erased: it cannot be accepted.');
    const kind = (await new AgencyStore(this.ds).kindsOf([actor.agencyId])).get(actor.agencyId);
    const slot = Object.entries(sop.participants).find(([, spec]) => spec.kind === kind)?.[0];
    if (!slot) throw new DomainException('conflict', `No participant slot of ${sop.id} takes an agency of your kind.`);
    const checked = await this.starter.check(sop, fields, { [slot]: actor.agencyId });
    if ('errors' in checked)
      throw new DomainException('validation_failed', 'The receiving case cannot start; see `fields`.', checked.errors);
    const caseId = uuidFrom(`referral-case:${row.id}`);
    await this.starter.launch(caseId, checked, actor);
    // The case says where it came from: the referral (ids only), the partner and the consent it travels under.
    await this.store.recordTimeline({
      caseId,
      key: `referral-accepted:${row.id}`,
      kind: 'referral-accepted',
      at: new Date().toISOString(),
      agencyId: actor.agencyId,
      actorSub: actor.sub,
      detail: {
        referralId: row.id,
        partner: row.partner_id,
        fromAgency: row.remote_agency,
        consentId: row.consent?.consentId ?? null,
      },
    });
    this.logger.log({ msg: 'case started from a referral', referralId: row.id, caseId });
    return caseId;
  }

  private async send(id: string, key: string, type: 'decision' | 'status', body: Record<string, string>) {
    const client = await this.temporal.client();
    await client.workflow
      .getHandle(referralWorkflowId('in', id))
      .signal(sendReferralMessageSignal, { messageId: uuidFrom(key), type, body });
  }
}
