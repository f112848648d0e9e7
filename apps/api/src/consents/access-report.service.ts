import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '@waymark/audit';
import { AccessGrantStore, ConsentStore } from '@waymark/cases';
import {
  COMPARTMENT_IDS,
  DATA_CATEGORIES,
  DomainException,
  categoryWithheld,
  decideInCase,
  type Actor,
  type CompartmentId,
  type DataCategory,
  type SopDefinition,
} from '@waymark/contracts';
import { ACCESS_POLICY, sopById } from '@waymark/workflows/sops';
import { DataSource } from 'typeorm';
import { requireVisibleCase } from '../cases/visible-case';
import { toView as grantView } from './break-glass.service';
import { consentFacts } from './consent-facts';

/** The most audit entries a report reads (a case's reads over years stay far below it). */
const MAX_AUDIT_ENTRIES = 10_000;
const REPORT_ROLES = ['data-protection-officer'];

/** The roles the access policy names for a slot of this SOP ('*' rules add none: any role is as good as another). */
function rolesOfSlot(sop: SopDefinition, slot: string): string[] {
  const kind = sop.participants[slot].kind;
  const roles = new Set<string>(sop.steps.filter((s) => s.actor.slot === slot).flatMap((s) => s.actor.roles));
  for (const rule of ACCESS_POLICY.rules) {
    if (rule.roles === '*' || (rule.sops !== '*' && !rule.sops.includes(sop.id))) continue;
    if (rule.agencyKinds !== '*' && !rule.agencyKinds.includes(kind)) continue;
    if (rule.slots !== undefined && !rule.slots.includes(slot)) continue;
    rule.roles.forEach((r) => roles.add(r));
  }
  return roles.size > 0 ? [...roles].sort() : ['any'];
}

/**
 * A person's access report for one case: which agencies could see which compartments and categories of data now
 * (under the consents and break-glass grants in force), the consents and grants themselves, and who did read the
 * case, from the audit log. What a data-protection officer, or the person asking under the GDPR, needs.
 */
@Injectable()
export class AccessReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async report(actor: Actor, caseId: string) {
    const kase = await requireVisibleCase(this.ds.manager, actor, caseId);
    const sop = sopById(kase.sop);
    if (!sop) throw new DomainException('not_found', 'No case with this id is visible to your agency.');
    const leadSlot = sop.lead?.slot;
    const lead = leadSlot ? kase.participants[leadSlot] : undefined;
    const coordinator = actor.agencyId === lead && actor.roles.some((r) => sop.lead!.coordinatorRoles.includes(r));
    if (!coordinator && !actor.roles.some((r) => REPORT_ROLES.includes(r)))
      throw new DomainException(
        'forbidden',
        "Only the lead agency's coordinators and data-protection officers of the case's agencies may read its access report.",
      );
    const [consentRows, grants, entries] = await Promise.all([
      new ConsentStore(this.ds).listForCase(caseId),
      new AccessGrantStore(this.ds).listForCase(caseId),
      this.audit.forCase(caseId, MAX_AUDIT_ENTRIES),
    ]);
    const now = Date.now();
    const running = grants.filter((g) => g.ended_at === null && g.expires_at.getTime() > now).map((g) => g.agency_id);
    const facts = consentFacts(consentRows, running);
    const agencies = Object.entries(kase.participants).map(([slot, agencyId]) => {
      const kind = sop.participants[slot]?.kind ?? 'unknown';
      const roles = rolesOfSlot(sop, slot);
      const compartments = {} as Record<CompartmentId, 'read' | 'needs-consent' | 'no'>;
      for (const c of COMPARTMENT_IDS) {
        const decisions = roles.map((r) =>
          decideInCase(ACCESS_POLICY, sop, kase.participants, { agencyId, roles: [r] }, c, 'read', facts),
        );
        compartments[c] = decisions.some((d) => d.allowed)
          ? 'read'
          : decisions.some((d) => d.needsConsent)
            ? 'needs-consent'
            : 'no';
      }
      const reader = { agencyId, kinds: [kind], lead: agencyId === lead };
      const categories = {} as Record<DataCategory, string>;
      // Of values another agency recorded: readable, or why not.
      for (const cat of DATA_CATEGORIES) categories[cat] = categoryWithheld(cat, reader, null, facts) ?? 'readable';
      return { slot, agencyId, kind, lead: agencyId === lead, roles, compartments, categories };
    });
    const reads = entries
      .filter((e) => e.action === 'api:GET /cases/:id' && e.detail.outcome === 'ok')
      .map((e) => ({
        at: e.at.toISOString(),
        agencyId: e.agencyId,
        actorSub: e.actorSub,
        compartments: e.compartment ? e.compartment.split(',') : [],
      }));
    return {
      caseId,
      sop: sop.id,
      generatedAt: new Date(now).toISOString(),
      agencies,
      consents: consentRows.map((r) => ({
        consentId: r.id,
        purpose: r.purpose,
        sharedWithAgency: r.shared_with_agency,
        sharedWithKind: r.shared_with_kind,
        sharedWithPartner: r.shared_with_partner,
        subject: r.subject,
        notForFamily: r.not_for_family,
        scope: r.scope,
        givenBy: r.given_by,
        validUntil: r.valid_until?.toISOString() ?? null,
        recordedAt: r.recorded_at.toISOString(),
        withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
      })),
      breakGlass: grants.map((g) => grantView(g, true)),
      reads,
    };
  }
}
