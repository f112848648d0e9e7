import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CASE_ERASED_CHANNEL, CasePayloadCodec } from '@waymark/codec';
import { WAYMARK_CONFIG, type WaymarkConfig } from '@waymark/config';
import { OwnKeys, PartnerDirectory, ReferralMessenger, ReferralStore } from '@waymark/referral';
import type { ReferralWorkflowInput } from '@waymark/workflows/referral/referral-contract';
import { DataSource } from 'typeorm';

/** The referral protocol's parts as the API uses them: our keys, the partner directory, the referrals, the sealing. */
@Injectable()
export class ReferralDeps {
  readonly store: ReferralStore;
  readonly partners: PartnerDirectory;
  readonly keys: OwnKeys;
  readonly messenger: ReferralMessenger;
  readonly deployment: string;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WAYMARK_CONFIG) private readonly config: WaymarkConfig,
    readonly codec: CasePayloadCodec,
  ) {
    this.deployment = config.env.REFERRAL_DEPLOYMENT_ID;
    this.store = new ReferralStore(ds);
    this.partners = new PartnerDirectory(ds);
    this.keys = new OwnKeys(ds, codec.keyring);
    this.messenger = new ReferralMessenger(this.deployment, this.keys, this.partners);
  }

  /**
   * Destroys the key a received referral's fields are sealed under (declined, or its consent withdrawn), and tells
   * every other process to drop its cached copy, as a case's erasure does. Repeatable.
   */
  async destroyReceivedData(referralId: string): Promise<void> {
    await this.codec.keyring.destroy(referralId, (sql, params) => this.ds.query(sql, params));
    await this.ds.query('SELECT pg_notify($1, $2)', [CASE_ERASED_CHANNEL, referralId]);
    this.codec.keyring.forget(referralId);
  }

  get taskQueue(): string {
    return this.config.env.TEMPORAL_TASK_QUEUE;
  }

  /** The delivery workflow's input for one side of a referral, with this deployment's targets. */
  workflowInput(referralId: string, direction: 'out' | 'in', firstMessageId?: string): ReferralWorkflowInput {
    const env = this.config.env;
    return {
      referralId,
      direction,
      ackTargetSeconds: env.REFERRAL_ACK_TARGET_SECONDS,
      decisionTargetSeconds: env.REFERRAL_DECISION_TARGET_SECONDS,
      retryMaxSeconds: env.REFERRAL_RETRY_MAX_SECONDS,
      ...(firstMessageId ? { firstMessageId } : {}),
    };
  }

  decisionDueAt(from = Date.now()): string {
    return new Date(from + this.config.env.REFERRAL_DECISION_TARGET_SECONDS * 1000).toISOString();
  }
}
