import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { AgencyStore } from '@waymark/agencies';
import { seal } from '@waymark/codec';
import { NotificationStore } from '@waymark/notifications';
import {
  ReferralError,
  newMessage,
  noticeOfArrival,
  noticeOnReferralCase,
  referralFields,
  referralFieldsAad,
  type Bodies,
  type Message,
} from '@waymark/referral';
import { TemporalClientHolder } from '@waymark/temporal';
import { referralWorkflow } from '@waymark/workflows/referral';
import { referralWorkflowId, sendReferralMessageSignal } from '@waymark/workflows/referral/referral-contract';
import { sopById } from '@waymark/workflows/sops';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErasureService } from '../erasure/erasure.service';
import { ReferralDeps } from './referral-deps';
import { uuidFrom } from './referrals.service';

export interface InboxAnswer {
  packet: string;
  duplicate: boolean;
}

const unknownReferral = () =>
  new ReferralError('invalid_message', 'No referral with this id was exchanged with this partner.', [
    { field: 'referralId', reason: 'is not a referral exchanged with the sender' },
  ]);

/**
 * The receiving endpoint's work (docs/referral-protocol.md): open the packet (size, key, decryption, signature,
 * shape, expiry), refuse a replayed packet, answer a resent message with the acknowledgement it got before, act on
 * the message, and answer with a signed acknowledgement. Nothing of the packet is logged.
 */
@Injectable()
export class ReferralInboxService {
  private readonly logger = new Logger('ReferralInbox');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly deps: ReferralDeps,
    private readonly temporal: TemporalClientHolder,
    private readonly notifications: NotificationStore,
    private readonly erasure: ErasureService,
  ) {}

  async receive(packet: string): Promise<InboxAnswer> {
    const { message, partnerId } = await this.deps.messenger.open(packet);
    // The very same bytes twice are a replay: a sender seals every attempt afresh.
    if (await this.deps.store.packetSeenBefore(createHash('sha256').update(packet).digest('hex')))
      throw new ReferralError('replayed', 'This packet was received before.');
    const before = await this.deps.store.received(message.messageId);
    if (before) {
      if (before.partner_id !== partnerId || !before.ack_packet)
        throw new ReferralError('replayed', 'This message id was used before.');
      return { packet: before.ack_packet, duplicate: true };
    }
    await this.act(message, partnerId);
    const ack = newMessage('ack', {
      referralId: message.referralId,
      from: { deployment: this.deps.deployment, agency: message.to.agency },
      to: message.from,
      body: { ofMessageId: message.messageId, receivedAt: new Date().toISOString() },
    });
    const ackPacket = await this.deps.messenger.seal(ack, partnerId);
    await this.deps.store.recordMessage({
      messageId: message.messageId,
      referralId: message.referralId,
      direction: 'in',
      type: message.type,
      partnerId,
      ackPacket,
    });
    this.logger.log({ msg: 'referral message received', type: message.type, referralId: message.referralId });
    return { packet: ackPacket, duplicate: false };
  }

  private async act(message: Message, partnerId: string): Promise<void> {
    switch (message.type) {
      case 'referral':
        return this.referral(message as Message<'referral'>, partnerId);
      case 'decision': {
        const body = message.body as Bodies['decision'];
        return this.onSenderSide(message, partnerId, body.decision, 'referral-decision', {
          decision: body.decision,
          ...(body.reason ? { reason: body.reason } : {}),
        });
      }
      case 'status': {
        const body = message.body as Bodies['status'];
        return this.onSenderSide(message, partnerId, body.status, 'referral-status', { status: body.status });
      }
      case 'withdrawal-confirmed':
        return this.onSenderSide(message, partnerId, 'withdrawn', 'referral-withdrawn', {
          method: (message.body as Bodies['withdrawal-confirmed']).method,
        });
      case 'withdrawal':
        return this.withdrawal(message as Message<'withdrawal'>, partnerId);
      default:
        throw new ReferralError(
          'invalid_message',
          'An acknowledgement travels as the answer to a message, not alone.',
          [{ field: 'type', reason: 'is not accepted by the receiving endpoint' }],
        );
    }
  }

  /** A new referral: checked against our SOP and agency, its fields sealed under a key of its own, a workflow. */
  private async referral(m: Message<'referral'>, partnerId: string): Promise<void> {
    const sop = sopById(m.body.sop);
    if (!sop)
      throw new ReferralError('invalid_message', 'The receiving SOP is unknown here.', [
        { field: 'body.sop', reason: 'is not an SOP of this deployment' },
      ]);
    const kinds = await new AgencyStore(this.ds).kindsOf([m.to.agency]);
    if (!kinds.has(m.to.agency))
      throw new ReferralError('invalid_message', 'The receiving agency is unknown here.', [
        { field: 'to.agency', reason: 'is not an agency of this deployment' },
      ]);
    const checked = referralFields(sop, m.body.fields);
    if ('errors' in checked)
      throw new ReferralError(
        'invalid_message',
        "The fields are not the receiving SOP's intake.",
        checked.errors.map((e) => ({ field: `body.${e.field}`, reason: e.reason })),
      );
    const key = await this.deps.codec.keyring.keyForEncode(m.referralId);
    const fresh = await this.deps.store.create({
      id: m.referralId,
      direction: 'in',
      partnerId,
      localAgency: m.to.agency,
      remoteAgency: m.from.agency,
      sop: sop.id,
      personCode: m.body.person.code,
      state: 'received',
      sealedFields: seal(key, Buffer.from(JSON.stringify(checked.fields), 'utf8'), referralFieldsAad(m.referralId)),
      consent: m.body.consent,
      decisionDueAt: this.deps.decisionDueAt(),
    });
    // The receiving agency hears of it at once (its incoming list shows the decision due); a repeat tells no one twice.
    if (fresh)
      await noticeOfArrival(this.notifications, {
        referralId: m.referralId,
        agencyId: m.to.agency,
        agencyKind: kinds.get(m.to.agency)!,
        sop: sop.id,
        partnerId,
      });
    const client = await this.temporal.client();
    await client.workflow
      .start(referralWorkflow, {
        taskQueue: this.deps.taskQueue,
        workflowId: referralWorkflowId('in', m.referralId),
        args: [this.deps.workflowInput(m.referralId, 'in')],
      })
      .catch((err: unknown) => {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      });
  }

  /** News from the receiving side about a referral we sent. */
  private async onSenderSide(
    m: Message,
    partnerId: string,
    state: 'accepted' | 'declined' | 'person-arrived' | 'closed' | 'withdrawn',
    kind: 'referral-decision' | 'referral-status' | 'referral-withdrawn',
    detail: Record<string, string>,
  ): Promise<void> {
    const row = await this.deps.store.get(m.referralId, 'out');
    if (!row || row.partner_id !== partnerId) throw unknownReferral();
    const reason = state === 'declined' ? (m.body as Bodies['decision']).reason : undefined;
    if (await this.deps.store.transition(row.id, 'out', state, reason ? { declineReason: reason } : {}))
      await noticeOnReferralCase(this.ds, this.notifications, row, kind, m.messageId, detail);
  }

  /**
   * The person withdrew the consent the referral travelled under: what we received is erased by destroying its key
   * (and the case started from it is erased the same way), then the confirmation goes back.
   */
  private async withdrawal(m: Message<'withdrawal'>, partnerId: string): Promise<void> {
    const row = await this.deps.store.get(m.referralId, 'in');
    if (!row || row.partner_id !== partnerId) throw unknownReferral();
    await this.deps.destroyReceivedData(row.id);
    if (row.case_id) await this.erasure.eraseForWithdrawnReferral(row.case_id, row.local_agency);
    await this.deps.store.transition(row.id, 'in', 'withdrawn', { clearFields: true });
    const client = await this.temporal.client();
    await client.workflow.signalWithStart(referralWorkflow, {
      taskQueue: this.deps.taskQueue,
      workflowId: referralWorkflowId('in', row.id),
      args: [this.deps.workflowInput(row.id, 'in')],
      signal: sendReferralMessageSignal,
      signalArgs: [
        {
          messageId: uuidFrom(`withdrawal-confirmed:${m.messageId}`),
          type: 'withdrawal-confirmed',
          body: { ofMessageId: m.messageId, method: 'key-destroyed', at: new Date().toISOString() },
        },
      ],
    });
  }
}
