import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessGrantStore, type AccessGrantRow } from '@waymark/cases';
import { DomainException, type Actor } from '@waymark/contracts';
import type { CaseEntity } from '@waymark/database';
import { NotificationStore } from '@waymark/notifications';
import { sopById } from '@waymark/workflows/sops';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { requireVisibleCase } from '../cases/visible-case';
import { BREAK_GLASS_DEFAULT_MINUTES, type BreakGlassDto } from './break-glass.dto';

/** Who hears of a break-glass grant in the lead agency besides its coordinators (as for escalations). */
const SUPERVISING_ROLES = ['supervisor', 'manager', 'data-protection-officer'];

/** The lead agency of a case (the slot its SOP names as lead), or null when the SOP names none. */
function leadAgency(kase: CaseEntity): string | null {
  const slot = sopById(kase.sop)?.lead?.slot;
  return slot ? (kase.participants[slot] ?? null) : null;
}

/**
 * Break-glass: an agency taking part in a case that needs data it cannot see (imminent danger) opens a
 * time-limited grant with a reason. While it runs the agency reads as if the person had consented to share every
 * scope with it; what its kind may never read stays withheld. The request is audited like every case request, the
 * lead agency is notified at once, and the grant is listed in the case view and in the person's access report.
 */
@Injectable()
export class BreakGlassService {
  private readonly grants: AccessGrantStore;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationStore,
  ) {
    this.grants = new AccessGrantStore(ds);
  }

  async open(actor: Actor, caseId: string, dto: BreakGlassDto) {
    const kase = await requireVisibleCase(this.ds.manager, actor, caseId);
    if (kase.status !== 'open') throw new DomainException('case_closed', 'The case is closed: no grant is opened.');
    const minutes = dto.minutes ?? BREAK_GLASS_DEFAULT_MINUTES;
    const id = randomUUID();
    const row = await this.ds.transaction(async (em) => {
      const grant = await this.grants.insert(
        { id, caseId, agencyId: actor.agencyId, actorSub: actor.sub, reason: dto.reason, minutes },
        em,
      );
      const lead = leadAgency(kase);
      const sop = sopById(kase.sop);
      if (lead) {
        await this.notifications.notify(
          {
            key: `break-glass:${grant.id}`,
            agencyId: lead,
            roles: [...new Set([...(sop?.lead?.coordinatorRoles ?? []), ...SUPERVISING_ROLES])],
            kind: 'break-glass',
            caseId,
            sop: kase.sop,
            at: grant.granted_at.toISOString(),
            detail: { grantId: grant.id, agencyId: grant.agency_id, expiresAt: grant.expires_at.toISOString() },
          },
          em,
        );
      }
      return grant;
    });
    return toView(row, true);
  }

  /** The case's grants: every participant sees that they exist; the reason only the lead and the grant's agency. */
  async list(actor: Actor, caseId: string) {
    const kase = await requireVisibleCase(this.ds.manager, actor, caseId);
    const lead = leadAgency(kase);
    const rows = await this.grants.listForCase(caseId);
    return { items: rows.map((r) => toView(r, actor.agencyId === lead || actor.agencyId === r.agency_id)) };
  }

  /** Ends a running grant early: the lead agency or the agency that opened it. */
  async end(actor: Actor, caseId: string, grantId: string) {
    const kase = await requireVisibleCase(this.ds.manager, actor, caseId);
    const row = (await this.grants.listForCase(caseId)).find((g) => g.id === grantId);
    if (!row) throw new DomainException('not_found', 'No break-glass grant with this id in this case.');
    if (actor.agencyId !== leadAgency(kase) && actor.agencyId !== row.agency_id)
      throw new DomainException('forbidden', 'Only the lead agency or the agency holding the grant may end it.');
    if (!(await this.grants.end(caseId, grantId, actor.sub)))
      throw new DomainException('conflict', 'This grant has already ended or expired.');
    const [ended] = (await this.grants.listForCase(caseId)).filter((g) => g.id === grantId);
    return toView(ended, true);
  }
}

export function toView(r: AccessGrantRow, withReason: boolean) {
  const now = Date.now();
  return {
    grantId: r.id,
    caseId: r.case_id,
    agencyId: r.agency_id,
    grantedAt: r.granted_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    active: r.ended_at === null && r.expires_at.getTime() > now,
    ...(withReason ? { reason: r.reason, actorSub: r.actor_sub } : {}),
  };
}
