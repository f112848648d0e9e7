import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COMPARTMENT_IDS,
  DomainException,
  decideInCase,
  type CompartmentId,
  type ConsentFact,
  cancelCaseUpdate,
  findEvent,
  changeableSlots,
  reportEventUpdate,
  validateForm,
  type Actor,
  type CaseSummary,
  type SopDefinition,
} from '@waymark/contracts';
import { AccessGrantStore, CaseStore } from '@waymark/cases';
import { CaseEntity, TaskEntity, TimelineEntryEntity } from '@waymark/database';
import { TemporalClientHolder } from '@waymark/temporal';
import { ACCESS_POLICY, sopById, SOPS } from '@waymark/workflows/sops';
import { randomUUID } from 'node:crypto';
import { caseErased } from '../erasure/case-erased';
import { resourceIdForKey } from '../common/idempotency.interceptor';
import { caseActionsFor, requireCaseAction } from '../policy/case-actions';
import { DataSource } from 'typeorm';
import type { ListCasesQuery } from './list-cases.query';
import { participantHistory } from './participant-history';
import { phaseVisibility } from './phase-visibility';
import { SopOverlays } from '../sops/sop-overlays';
import { currentRound, personsOfCase, toSummary, waitingForConsent, withoutValue } from './case-view-parts';
import { caseDataDeadlines, redactDeadlineDetail } from './case-data-deadlines';
import { CaseStarter } from './case-starter';
import type { CaseNoteDto, StartCaseDto } from './start-case.dto';
import { requireVisibleCase } from './visible-case';
import { caseReader, scopeRecord } from './field-scoping';
import { VISIBLE_TO_AGENCY, visibilityParams } from './case-visibility';
import { consentFacts } from '../consents/consent-facts';

export type { CaseSummary };

@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly temporal: TemporalClientHolder,
    private readonly store: CaseStore,
    private readonly overlays: SopOverlays,
    private readonly starter: CaseStarter,
  ) {}

  private requireSop(id: string): SopDefinition {
    const sop = this.overlays.sop(id);
    if (!sop) {
      throw new DomainException('validation_failed', 'Unknown SOP; see GET /sops.', [
        { field: 'sop', reason: `must be one of: ${SOPS.map((s) => s.id).join(', ')}` },
      ]);
    }
    return sop;
  }

  async start(
    actor: Actor,
    dto: StartCaseDto,
    claim: (candidate: string) => Promise<string> = (c) => Promise.resolve(c),
  ): Promise<CaseSummary> {
    const sop = this.requireSop(dto.sop);
    const checked = await this.starter.check(sop, dto.input, dto.participants ?? {});
    if ('errors' in checked)
      throw new DomainException('validation_failed', 'The case has invalid fields; see `fields`.', checked.errors);
    if (!Object.values(checked.participants).includes(actor.agencyId)) {
      throw new DomainException('forbidden', 'Only an agency taking part in the case may start it.');
    }
    // Recorded with the Idempotency-Key before the workflow starts: a retry of a request that died half-way gets
    // the same id back, finds its workflow already started, and answers the same case instead of orphaning it.
    const caseId = await claim(randomUUID());
    const { openedAt } = await this.starter.launch(caseId, checked, actor);
    return {
      caseId,
      sop: sop.id,
      sopVersion: sop.version,
      overlay: this.starter.overlaySummary(),
      status: 'open',
      endState: null,
      openedAt,
      closedAt: null,
    };
  }

  async list(actor: Actor, q: ListCasesQuery): Promise<{ items: CaseSummary[]; limit: number; offset: number }> {
    const qb = this.ds
      .getRepository(CaseEntity)
      .createQueryBuilder('c')
      // Containment (@>) rather than ANY() so the GIN index on participant_agencies serves the filter.
      .where('c.participant_agencies @> ARRAY[:agency]::text[]', { agency: actor.agencyId })
      // An origin-country agency sees a return only once a consent names it or a task is its.
      .andWhere(VISIBLE_TO_AGENCY, visibilityParams(actor.agencyId))
      .orderBy('c.opened_at', 'DESC')
      .addOrderBy('c.id')
      .limit(q.limit)
      .offset(q.offset);
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.sop) qb.andWhere('c.sop = :sop', { sop: q.sop });
    if (q.idempotencyKey !== undefined) {
      // The case a request sent with this key created (recorded before its workflow started); none: an empty page.
      const id = await resourceIdForKey(this.ds, actor.agencyId, q.idempotencyKey);
      qb.andWhere('c.id = :id', { id: id ?? '00000000-0000-0000-0000-000000000000' });
    }
    const rows = await qb.getMany();
    return { items: rows.map(toSummary), limit: q.limit, offset: q.offset };
  }

  private requireVisibleCase(actor: Actor, caseId: string): Promise<CaseEntity> {
    return requireVisibleCase(this.ds.manager, actor, caseId);
  }

  /**
   * The case's consents as the access policy reads them (withdrawn ones included, marked), and each running
   * break-glass grant as a consent covering every scope for its agency (consents/break-glass.service.ts).
   */
  private async consentFactsOf(caseId: string): Promise<ConsentFact[]> {
    const [rows, grants] = await Promise.all([
      this.store.consents.listForCase(caseId),
      new AccessGrantStore(this.ds).activeAgencies(caseId),
    ]);
    return consentFacts(rows, grants);
  }

  /** The compartments the caller may read in this case, and those withheld (listed as `compartment:<name>`). */
  private async readableCompartments(actor: Actor, row: CaseEntity, sop: SopDefinition | undefined) {
    const consents = sop ? await this.consentFactsOf(row.id) : [];
    const readable: CompartmentId[] = [];
    const withheld: CompartmentId[] = [];
    for (const c of COMPARTMENT_IDS) {
      const ok =
        sop !== undefined && decideInCase(ACCESS_POLICY, sop, row.participants, actor, c, 'read', consents).allowed;
      (ok ? readable : withheld).push(c);
    }
    return { readable, withheld, consents };
  }

  /** A note in one compartment, when the access policy lets the caller write it there. */
  async addNote(actor: Actor, caseId: string, dto: CaseNoteDto) {
    const row = await this.requireVisibleCase(actor, caseId);
    const sop = this.requireSop(row.sop);
    const decision = decideInCase(
      ACCESS_POLICY,
      sop,
      row.participants,
      actor,
      dto.compartment,
      'write',
      await this.consentFactsOf(caseId),
    );
    if (!decision.allowed) {
      throw new DomainException(
        'forbidden',
        `Your agency and role may not write the ${dto.compartment} compartment of this case (see GET /policy).`,
      );
    }
    const noteId = randomUUID();
    const recordedAt = new Date().toISOString();
    const written = await this.store.recordNote({
      caseId,
      noteId,
      compartment: dto.compartment,
      text: dto.text,
      subject: dto.subject,
      agencyId: actor.agencyId,
      actorSub: actor.sub,
      recordedAt,
    });
    // Erased between the visibility check and the write: nothing was written.
    if (!written) throw caseErased();
    return { caseId, noteId, compartment: dto.compartment, subject: dto.subject ?? null, recordedAt };
  }

  async get(actor: Actor, caseId: string) {
    const row = await this.requireVisibleCase(actor, caseId);
    const sop = sopById(row.sop);
    const access = await this.readableCompartments(actor, row, sop);
    const [tasks, timeline, escalations, records, links] = await Promise.all([
      this.ds.getRepository(TaskEntity).find({ where: { caseId }, order: { openedAt: 'ASC' } }),
      this.ds.getRepository(TimelineEntryEntity).find({ where: { caseId }, order: { id: 'ASC' } }),
      this.store.escalations.listForCase(caseId),
      // Only the compartments the policy lets the caller read ever leave the database.
      this.store.records.read(caseId, access.readable),
      // Linked cases: the other case's id and SOP only; opening it follows that case's own participants.
      this.store.links.linksOf(caseId),
    ]);
    const visibility = sop ? phaseVisibility(sop, row.participants, actor) : undefined;
    const subjectOf = (detail: Record<string, unknown>) => (typeof detail.subject === 'string' ? detail.subject : null);
    const openTasks = tasks.filter((t) => t.status === 'open' && (visibility?.canSee(t) ?? true));
    const entries = timeline.filter((e) => visibility?.canSee({ ...e, subject: subjectOf(e.detail) }) ?? true);
    const compartments: Partial<Record<CompartmentId, unknown[]>> = {};
    for (const c of access.readable) compartments[c] = [];
    // Field by field within a readable compartment: the category of each value and the person's consent decide.
    const reader = caseReader(sop, row.participants, actor.agencyId);
    for (const r of records) {
      const scoped = scopeRecord(sop, r, reader, access.consents);
      compartments[r.compartment]?.push({
        step: r.step,
        subject: r.subject,
        source: r.source,
        agencyId: r.agency_id,
        recordedAt: r.recorded_at.toISOString(),
        data: scoped.data,
        ...(scoped.withheld.length > 0 ? { withheld: scoped.withheld } : {}),
      });
    }
    // A decision entry carries a form value: it keeps its value only for readers of the step's compartment.
    const compartmentOfStep = new Map((sop?.steps ?? []).map((s) => [s.id, s.compartment]));
    const hidesValue = (e: TimelineEntryEntity) => {
      const c = e.step ? compartmentOfStep.get(e.step) : undefined;
      return e.kind === 'decision' && c !== undefined && !access.readable.includes(c);
    };
    return {
      ...toSummary(row),
      participants: row.participants,
      participantHistory: participantHistory(entries),
      // The slots the lead's coordinator may put another agency in (POST /cases/:id/participants).
      changeableSlots: sop ? changeableSlots(sop, row.participants) : [],
      // The case-level actions (cancel, erase) the access policy grants the caller here.
      allowedActions: caseActionsFor(row, actor),
      links,
      state: {
        status: row.status,
        endState: row.endState,
        currentSteps: [...new Set(openTasks.map((t) => t.step))],
        // 1 until an event sends the case back to an earlier decision (each round keeps its own tasks).
        round: currentRound(entries),
        // A one-person case's outcome (a case of several has one per person, in `persons`).
        personOutcome: sop?.endStates.find((e) => e.id === row.endState)?.personOutcome ?? null,
      },
      persons: personsOfCase(entries, sop, visibility?.canSee({ subject: '-', kind: 'person-branch-ended' }) ?? true),
      openTasks: openTasks.map((t) => ({
        // Only the caller's own tasks carry an id to act on; others show who holds the case.
        ...(t.agencyId === actor.agencyId ? { taskId: t.id } : {}),
        step: t.step,
        subject: t.subject,
        phase: t.phase,
        round: t.round,
        title: t.title,
        agencyId: t.agencyId,
        roles: t.roles,
        openedAt: t.openedAt.toISOString(),
        dueAt: t.dueAt?.toISOString() ?? null,
        // The earliest deadline from the case's data guarding the step (its date: the task's agency acts on it).
        deadline: t.deadlineAt ? { id: t.deadlineId, at: t.deadlineAt.toISOString() } : null,
      })),
      timeline: entries.map((e) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        step: e.step,
        agencyId: e.agencyId,
        detail: hidesValue(e) ? withoutValue(e.detail) : redactDeadlineDetail(sop, e.kind, e.detail, access.readable),
      })),
      // Deadlines from the case's data (age-out, document expiry, ...): dates only for readers of their source.
      dataDeadlines: caseDataDeadlines(sop, entries, access.readable),
      waitingForConsent: waitingForConsent(entries),
      escalations: escalations
        .filter((e) => visibility?.canSee({ step: e.step, agencyId: e.agency_id }) ?? true)
        .map((e) => ({
          step: e.step,
          agencyId: e.agency_id,
          dueAt: e.due_at.toISOString(),
          escalatedAt: e.escalated_at.toISOString(),
          resolvedAt: e.resolved_at?.toISOString() ?? null,
          resolution: e.resolution,
          level: e.level,
          lastEscalatedAt: e.last_escalated_at?.toISOString() ?? null,
        })),
      // Only the compartments the access policy lets the caller read; the others are absent, not null.
      compartments,
      // Phases whose tasks and timeline entries were left out (separation of phases), and compartments withheld.
      redacted: [
        ...(visibility?.hidden ?? []).map((p) => `phase:${p}`),
        ...access.withheld.map((c) => `compartment:${c}`),
      ],
    };
  }

  /** A fact from outside any inbox, accepted only from the roles the SOP allows to report it. */
  async reportEvent(
    actor: Actor,
    caseId: string,
    type: string,
    data: Record<string, unknown>,
    idempotencyKey?: string,
  ) {
    const row = await this.requireVisibleCase(actor, caseId);
    if (row.status !== 'open') throw new DomainException('case_closed', 'The case is already closed.');
    const sop = this.requireSop(row.sop);
    const spec = findEvent(sop, type);
    if (!spec) {
      throw new DomainException('validation_failed', 'Unknown event type for this SOP; see GET /sops/:id.', [
        { field: 'type', reason: `must be one of: ${(sop.events ?? []).map((e) => e.type).join(', ') || '(none)'}` },
      ]);
    }
    const allowed = spec.reporters.some(
      (r) => row.participants[r.slot] === actor.agencyId && actor.roles.some((role) => r.roles.includes(role)),
    );
    if (!allowed)
      throw new DomainException('forbidden', 'Your agency and role may not report this event in this case.');
    const errors = validateForm(spec.form, data).map((e) => ({ ...e, field: `data.${e.field}` }));
    if (errors.length > 0)
      throw new DomainException('validation_failed', 'The event has invalid fields; see `fields`.', errors);
    const result = await this.temporal.bounded((client) =>
      client.workflow.getHandle(row.workflowId).executeUpdate(reportEventUpdate, {
        args: [{ type, actor, data }],
        // Keys are per agency (as the idempotency table keeps them): a retry after a 503 reports the event once.
        ...(idempotencyKey ? { updateId: `event:${actor.agencyId}:${idempotencyKey}` } : {}),
      }),
    );
    return { caseId, ...result };
  }

  async cancel(actor: Actor, caseId: string, reason: string) {
    const row = await this.requireVisibleCase(actor, caseId);
    requireCaseAction(row, actor, 'case:cancel');
    if (row.status !== 'open') throw new DomainException('case_closed', 'The case is already closed.');
    const view = await this.temporal.bounded((client) =>
      client.workflow.getHandle(row.workflowId).executeUpdate(cancelCaseUpdate, { args: [{ actor, reason }] }),
    );
    return { caseId, status: 'cancelling', tasks: view.tasks.length };
  }
}
