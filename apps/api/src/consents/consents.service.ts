import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseStore, ConsentStore, type ConsentRow } from '@waymark/cases';
import { DomainException, consentsChangedSignal, type Actor } from '@waymark/contracts';
import { CaseEntity } from '@waymark/database';
import { NotificationStore } from '@waymark/notifications';
import { TemporalClientHolder } from '@waymark/temporal';
import { sopById } from '@waymark/workflows/sops';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { RecordConsentDto } from './consent.dto';
import { requireVisibleCase } from '../cases/visible-case';
import { hiddenFrom } from '../cases/case-visibility';
import { ReferralDeps } from '../referrals/referral-deps';
import { ReferralsService } from '../referrals/referrals.service';

/** Roles that hear about a withdrawal besides those acting in the agency's steps (as for escalations). */
const SUPERVISING_ROLES = ['supervisor', 'manager'];

/**
 * Consent records of a case (seed L6242–L6245, L7223–L7225, L7399–L7401). Only agencies taking part in the case
 * see or touch them. The withdrawal reason is stored but never returned: it may hold personal data.
 */
@Injectable()
export class ConsentsService {
  private readonly logger = new Logger('ConsentsService');
  private readonly consents: ConsentStore;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationStore,
    private readonly temporal: TemporalClientHolder,
    private readonly referralDeps: ReferralDeps,
    private readonly referrals: ReferralsService,
    private readonly store: CaseStore,
  ) {
    this.consents = new ConsentStore(ds);
  }

  /**
   * Tells the case's workflow that its consents changed, so a step waiting for consent looks again at once. The
   * record is already committed and the gates also look again hourly, so a failed nudge only delays, never loses.
   */
  private async nudge(kase: CaseEntity): Promise<void> {
    if (kase.status !== 'open') return;
    try {
      const client = await this.temporal.client();
      await client.workflow.getHandle(kase.workflowId).signal(consentsChangedSignal);
    } catch (err) {
      this.logger.warn({
        msg: 'consent nudge not delivered; the gate looks again within the hour',
        caseId: kase.id,
        error: (err as Error).name,
      });
    }
  }

  private requireVisibleCase(actor: Actor, caseId: string, em: EntityManager = this.ds.manager): Promise<CaseEntity> {
    return requireVisibleCase(em, actor, caseId);
  }

  async record(actor: Actor, caseId: string, dto: RecordConsentDto) {
    if (dto.personIsMinor === true && dto.givenBy === 'person') {
      throw new DomainException('validation_failed', 'The consent has invalid fields; see `fields`.', [
        { field: 'givenBy', reason: "a minor's consent is given by the guardian or the responsible authority" },
      ]);
    }
    const invalid = (field: string, reason: string) =>
      new DomainException('validation_failed', 'The consent has invalid fields; see `fields`.', [{ field, reason }]);
    if (dto.sharedWithAgency !== undefined && dto.sharedWithKind !== undefined)
      throw invalid('sharedWithKind', 'name one agency or one kind of agency, not both');
    if (dto.purpose !== 'sharing' && dto.sharedWithKind !== undefined)
      throw invalid('sharedWithKind', 'applies only when purpose is sharing');
    if (dto.sharedWithPartner !== undefined) {
      if (dto.purpose !== 'sharing') throw invalid('sharedWithPartner', 'applies only when purpose is sharing');
      if (dto.sharedWithAgency !== undefined || dto.sharedWithKind !== undefined)
        throw invalid('sharedWithPartner', 'name one recipient: an agency, a kind of agency or a partner’s agency');
      const [partner, agency] = dto.sharedWithPartner.split('/');
      if (!(await this.referralDeps.partners.get(partner)))
        throw invalid('sharedWithPartner', 'no partner deployment with this id');
      if (!(await this.referralDeps.partners.acceptsAgency(partner, agency)))
        throw invalid('sharedWithPartner', 'the partner lists no such agency taking referrals');
    }
    if (dto.validUntil !== undefined && !(Date.parse(dto.validUntil) > Date.now()))
      throw invalid('validUntil', 'must be in the future');
    if (dto.purpose !== 'sharing' && dto.sharedWithAgency !== undefined) {
      throw new DomainException('validation_failed', 'The consent has invalid fields; see `fields`.', [
        { field: 'sharedWithAgency', reason: 'applies only when purpose is sharing' },
      ]);
    }
    const kase = await this.requireVisibleCase(actor, caseId);
    if (kase.personIsMinor && dto.givenBy === 'person') {
      throw new DomainException('validation_failed', 'The consent has invalid fields; see `fields`.', [
        {
          field: 'givenBy',
          reason: "the case's intake records a child: consent is given by the guardian or the responsible authority",
        },
      ]);
    }
    if (dto.sharedWithAgency !== undefined && !Object.values(kase.participants).includes(dto.sharedWithAgency)) {
      throw new DomainException('validation_failed', 'The consent has invalid fields; see `fields`.', [
        {
          field: 'sharedWithAgency',
          reason: 'must be an agency taking part in this case (see participants in GET /cases/:id)',
        },
      ]);
    }
    if (dto.sharedWithKind !== undefined) {
      const kinds = Object.keys(kase.participants).map((slot) => sopById(kase.sop)?.participants[slot]?.kind);
      if (!kinds.some((k) => k === dto.sharedWithKind))
        throw invalid('sharedWithKind', 'no agency of this kind takes part in this case (see participants)');
    }
    const id = randomUUID();
    const row = (await this.consents.insert({
      id,
      caseId,
      purpose: dto.purpose,
      sharedWithAgency: dto.sharedWithAgency ?? null,
      sharedWithKind: dto.sharedWithKind ?? null,
      sharedWithPartner: dto.sharedWithPartner ?? null,
      subject: dto.subject ?? null,
      notForFamily: dto.notForFamily ?? false,
      validUntil: dto.validUntil ? new Date(dto.validUntil).toISOString() : null,
      scope: dto.scope,
      form: dto.form,
      givenBy: dto.givenBy,
      recordedBySub: actor.sub,
      recordedByAgency: actor.agencyId,
    }))!;
    await this.nudge(kase);
    return toView(row);
  }

  async list(actor: Actor, caseId: string) {
    await this.requireVisibleCase(actor, caseId);
    const rows = await this.consents.listForCase(caseId);
    return { items: rows.map(toView) };
  }

  /** Withdraws a consent and tells every other agency taking part in the case, in one transaction. */
  async withdraw(actor: Actor, caseId: string, consentId: string, reason: string) {
    const { kase, view } = await this.ds.transaction(async (em) => {
      const kase = await this.requireVisibleCase(actor, caseId, em);
      const current = await this.consents.lockForWithdrawal(em, caseId, consentId);
      if (!current) throw new DomainException('not_found', 'No consent with this id in this case.');
      if (current.withdrawn_at) throw new DomainException('conflict', 'This consent has already been withdrawn.');
      const row = await this.consents.withdraw(em, consentId, actor.sub, reason);
      const at = (row.withdrawn_at as Date).toISOString();
      const sop = sopById(kase.sop);
      for (const agencyId of new Set(kase.participantAgencies)) {
        // An agency the case is still hidden from learns nothing of it, not even a withdrawal.
        if (agencyId === actor.agencyId || (await hiddenFrom(em, kase, agencyId))) continue;
        const stepRoles = (sop?.steps ?? [])
          .filter((s) => kase.participants[s.actor.slot] === agencyId)
          .flatMap((s) => s.actor.roles);
        await this.notifications.notify(
          {
            key: `consent-withdrawn:${consentId}:${agencyId}`,
            agencyId,
            roles: [...new Set([...stepRoles, ...SUPERVISING_ROLES])],
            kind: 'consent-withdrawn',
            caseId,
            sop: kase.sop,
            at,
            detail: { consentId, purpose: row.purpose },
          },
          em,
        );
      }
      return { kase, view: toView(row) };
    });
    await this.nudge(kase);
    // Referrals sent abroad under this consent: the partner is told to erase what it received.
    await this.referrals.consentWithdrawn(consentId, view.withdrawnAt!);
    await this.tellFollowOnCases(caseId, consentId, view.purpose, view.withdrawnAt!);
    return view;
  }

  /**
   * A case started from this one for the person (a follow-on: the hotline's referral to a shelter) carries data that
   * left under the person's consents: its lead agency is told of the withdrawal, on its own case, to decide what
   * the person now wants of it. Ids and the purpose only.
   */
  private async tellFollowOnCases(caseId: string, consentId: string, purpose: string, at: string): Promise<void> {
    const followOns = (await this.store.links.linksOf(caseId)).filter(
      (l) => l.relation === 'follow-on' && l.direction === 'outgoing',
    );
    for (const link of followOns) {
      const other = await this.ds.getRepository(CaseEntity).findOneBy({ id: link.caseId });
      const sop = other ? sopById(other.sop) : undefined;
      const lead = sop?.lead ? other!.participants[sop.lead.slot] : undefined;
      if (!other || !sop || !lead || other.status !== 'open') continue;
      await this.notifications.notify({
        key: `consent-withdrawn:${consentId}:follow-on:${other.id}`,
        agencyId: lead,
        roles: [...new Set([...(sop.lead?.coordinatorRoles ?? []), ...SUPERVISING_ROLES])],
        kind: 'consent-withdrawn',
        caseId: other.id,
        sop: other.sop,
        at,
        detail: { consentId, purpose, fromCaseId: caseId },
      });
    }
  }
}

function toView(r: ConsentRow) {
  return {
    consentId: r.id,
    caseId: r.case_id,
    purpose: r.purpose,
    sharedWithAgency: r.shared_with_agency,
    sharedWithKind: r.shared_with_kind,
    sharedWithPartner: r.shared_with_partner,
    subject: r.subject,
    notForFamily: r.not_for_family,
    validUntil: r.valid_until?.toISOString() ?? null,
    scope: r.scope,
    form: r.form,
    givenBy: r.given_by,
    recordedBy: { sub: r.recorded_by_sub, agencyId: r.recorded_by_agency },
    recordedAt: r.recorded_at.toISOString(),
    status: r.withdrawn_at
      ? 'withdrawn'
      : r.valid_until !== null && r.valid_until.getTime() <= Date.now()
        ? 'expired'
        : 'active',
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawnBySub: r.withdrawn_by_sub,
  };
}
