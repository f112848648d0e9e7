import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/activity';
import { CaseErasedError, CasePayloadCodec, open } from '@waymark/codec';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { NotificationStore } from '@waymark/notifications';
import {
  OwnKeys,
  PartnerDirectory,
  PartnerUnavailableError,
  ReferralMessenger,
  ReferralStore,
  newMessage,
  noticeOnReferralCase,
  referralFieldsAad,
  type Bodies,
  type Message,
  type ReferralRow,
} from '@waymark/referral';
import type {
  DeliveryResult,
  OutgoingMessage,
  ReferralActivities,
} from '@waymark/workflows/referral/referral-contract';
import { DataSource } from 'typeorm';

/** The referral workflow's activities: deliver a message to the partner, flag a missed target, record a refusal. */
@Injectable()
export class ReferralActivitiesService implements ReferralActivities {
  private readonly store: ReferralStore;
  private readonly partners: PartnerDirectory;
  private readonly messenger: ReferralMessenger;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) config: WaymarkConfig,
    private readonly codec: CasePayloadCodec,
    private readonly notifications: NotificationStore,
  ) {
    this.store = new ReferralStore(ds);
    this.partners = new PartnerDirectory(ds);
    this.messenger = new ReferralMessenger(
      config.env.REFERRAL_DEPLOYMENT_ID,
      new OwnKeys(ds, codec.keyring),
      this.partners,
    );
  }

  async deliverReferralMessage(input: {
    referralId: string;
    direction: 'out' | 'in';
    message: OutgoingMessage;
  }): Promise<DeliveryResult> {
    const row = await this.store.get(input.referralId, input.direction);
    if (!row) throw ApplicationFailure.nonRetryable('no such referral', 'UnknownReferral');
    const partner = await this.partners.get(row.partner_id);
    if (!partner) throw ApplicationFailure.nonRetryable('the partner is no longer registered', 'UnknownPartner');
    let message: Message;
    try {
      message = await this.build(row, input.message);
    } catch (err) {
      if (err instanceof CaseErasedError) return { outcome: 'refused', code: 'erased' };
      throw err;
    }
    try {
      const outcome = await this.messenger.deliver(message, row.partner_id, partner.baseUrl);
      await this.store.noteAttempt(row.id, row.direction);
      if (outcome.outcome === 'refused') return { outcome: 'refused', code: outcome.code };
      await this.store.recordMessage({
        messageId: message.messageId,
        referralId: row.id,
        direction: 'out',
        type: message.type,
        partnerId: row.partner_id,
      });
      if (message.type === 'referral') await this.store.transition(row.id, row.direction, 'received');
      return { outcome: 'acknowledged' };
    } catch (err) {
      if (err instanceof PartnerUnavailableError) await this.store.noteAttempt(row.id, row.direction);
      throw err;
    }
  }

  async referralTargetMissed(input: {
    referralId: string;
    direction: 'out' | 'in';
    what: 'ack' | 'decision';
  }): Promise<void> {
    const row = await this.store.get(input.referralId, input.direction);
    if (!row) return;
    const waiting = input.what === 'ack' ? ['sending', 'withdrawal-sent'] : ['sending', 'received'];
    if (input.what === 'ack' && input.direction === 'in') {
      // The receiving side's message is late: flagged on its incoming list (it has no case before acceptance).
      await this.store.flagOverdue(row.id, row.direction, 'ack');
      return;
    }
    if (!waiting.includes(row.state)) return;
    if (!(await this.store.flagOverdue(row.id, row.direction, input.what))) return;
    await noticeOnReferralCase(
      this.ds,
      this.notifications,
      row,
      input.what === 'ack' ? 'referral-no-ack' : 'referral-no-decision',
      'first',
    );
  }

  async referralRefused(input: { referralId: string; direction: 'out' | 'in'; code: string }): Promise<void> {
    const row = await this.store.get(input.referralId, input.direction);
    if (!row) return;
    if (row.state === 'sending') await this.store.transition(row.id, row.direction, 'failed');
    await noticeOnReferralCase(this.ds, this.notifications, row, 'referral-refused', input.code, {
      code: input.code,
    });
  }

  /** The message as the protocol has it; a referral's fields are opened from the row (sealed under the case key). */
  private async build(row: ReferralRow, m: OutgoingMessage): Promise<Message> {
    const parties = {
      messageId: m.messageId,
      referralId: row.id,
      from: { deployment: this.messenger.deployment, agency: row.local_agency },
      to: { deployment: row.partner_id, agency: row.remote_agency },
    };
    if (m.type !== 'referral') return newMessage(m.type, { ...parties, body: m.body as never });
    if (!row.sealed_fields || !row.case_id || !row.consent) throw new CaseErasedError();
    const key = await this.codec.keyring.keyForDecode(row.case_id);
    const fields = JSON.parse(open(key, row.sealed_fields, referralFieldsAad(row.id)).toString('utf8')) as Record<
      string,
      unknown
    >;
    const body: Bodies['referral'] = {
      sop: row.sop,
      purpose: 'sharing',
      consent: row.consent,
      person: { code: row.person_code },
      fields,
    };
    return newMessage('referral', { ...parties, body });
  }

  toActivities(): ReferralActivities {
    return {
      deliverReferralMessage: this.deliverReferralMessage.bind(this),
      referralTargetMissed: this.referralTargetMissed.bind(this),
      referralRefused: this.referralRefused.bind(this),
    };
  }
}
