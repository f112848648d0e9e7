import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, consentsChangedSignal, type Actor } from '@waymark/contracts';
import { CaseEntity } from '@waymark/database';
import { NotificationStore } from '@waymark/notifications';
import { TemporalClientHolder } from '@waymark/temporal';
import { sopById } from '@waymark/workflows/sops';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { RecordConsentDto } from './consent.dto';
import { requireVisibleCase } from '../cases/visible-case';

/** Roles that hear about a withdrawal besides those acting in the agency's steps (as for escalations). */
const SUPERVISING_ROLES = ['supervisor', 'manager'];

interface ConsentRow {
  id: string;
  case_id: string;
  purpose: string;
  shared_with_agency: string | null;
  scope: string[];
  form: string;
  given_by: string;
  recorded_by_sub: string;
  recorded_by_agency: string;
  recorded_at: Date;
  withdrawn_at: Date | null;
  withdrawn_by_sub: string | null;
}

const COLUMNS = `id, case_id, purpose, shared_with_agency, scope, form, given_by, recorded_by_sub, recorded_by_agency,
  recorded_at, withdrawn_at, withdrawn_by_sub`;

/**
 * Consent records of a case (seed L6242–L6245, L7223–L7225, L7399–L7401). Only agencies taking part in the case
 * see or touch them. The withdrawal reason is stored but never returned: it may hold personal data.
 */
@Injectable()
export class ConsentsService {
  private readonly logger = new Logger('ConsentsService');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notifications: NotificationStore,
    private readonly temporal: TemporalClientHolder,
  ) {}

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
    const id = randomUUID();
    const [row]: ConsentRow[] = await this.ds.query(
      `INSERT INTO consents (id, case_id, purpose, shared_with_agency, scope, form, given_by, recorded_by_sub, recorded_by_agency)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9)
       RETURNING ${COLUMNS}`,
      [
        id,
        caseId,
        dto.purpose,
        dto.sharedWithAgency ?? null,
        dto.scope,
        dto.form,
        dto.givenBy,
        actor.sub,
        actor.agencyId,
      ],
    );
    await this.nudge(kase);
    return toView(row);
  }

  async list(actor: Actor, caseId: string) {
    await this.requireVisibleCase(actor, caseId);
    const rows: ConsentRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM consents WHERE case_id = $1 ORDER BY recorded_at, id`,
      [caseId],
    );
    return { items: rows.map(toView) };
  }

  /** Withdraws a consent and tells every other agency taking part in the case, in one transaction. */
  async withdraw(actor: Actor, caseId: string, consentId: string, reason: string) {
    const { kase, view } = await this.ds.transaction(async (em) => {
      const kase = await this.requireVisibleCase(actor, caseId, em);
      const [current]: { withdrawn_at: Date | null }[] = await em.query(
        `SELECT withdrawn_at FROM consents WHERE id = $1 AND case_id = $2 FOR UPDATE`,
        [consentId, caseId],
      );
      if (!current) throw new DomainException('not_found', 'No consent with this id in this case.');
      if (current.withdrawn_at) throw new DomainException('conflict', 'This consent has already been withdrawn.');
      const [row]: ConsentRow[] = await em.query(
        // Wrapped in a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
        `WITH u AS (UPDATE consents SET withdrawn_at = now(), withdrawn_by_sub = $2, withdrawal_reason = $3
          WHERE id = $1 RETURNING ${COLUMNS}) SELECT * FROM u`,
        [consentId, actor.sub, reason],
      );
      const at = (row.withdrawn_at as Date).toISOString();
      const sop = sopById(kase.sop);
      for (const agencyId of new Set(kase.participantAgencies)) {
        if (agencyId === actor.agencyId) continue;
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
    return view;
  }
}

function toView(r: ConsentRow) {
  return {
    consentId: r.id,
    caseId: r.case_id,
    purpose: r.purpose,
    sharedWithAgency: r.shared_with_agency,
    scope: r.scope,
    form: r.form,
    givenBy: r.given_by,
    recordedBy: { sub: r.recorded_by_sub, agencyId: r.recorded_by_agency },
    recordedAt: r.recorded_at.toISOString(),
    status: r.withdrawn_at ? 'withdrawn' : 'active',
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawnBySub: r.withdrawn_by_sub,
  };
}
