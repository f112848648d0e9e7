import type { Actor, CaseLinkView, LinkRelation } from '@waymark/contracts';
import { CaseEntity } from '@waymark/database';
import { In } from 'typeorm';
import { CaseLinkStore, type CaseLinkRow } from './case-link.store';
import type { CaseWriteContext } from './case-write-context';

export interface LinkCasesInput {
  /** The case the link is made from (the one that started the other, or the one the lead linked). */
  fromCaseId: string;
  toCaseId: string;
  relation: LinkRelation;
  /** For a follow-on: the step that started it and the person's code (never a name). */
  step?: string;
  subject?: string;
  actor: Actor;
  at: string;
  /** `workflow` (a step started a follow-on) or `api` (linked by hand): the audit entry's prefix. */
  origin: 'workflow' | 'api';
}

/**
 * Links between cases, in one transaction: the link row, a `case-linked` timeline entry in each case (the other
 * case's id and SOP only) and an audit entry. Idempotent: a link that exists (either way round) is answered as it
 * is, and nothing is written twice.
 */
export class LinkWrites {
  private readonly links = new CaseLinkStore();

  constructor(private readonly ctx: CaseWriteContext) {}

  /** `link` is null when either case was erased meanwhile: then nothing is written. */
  async link(input: LinkCasesInput): Promise<{ created: boolean; link: CaseLinkView | null }> {
    return this.ctx.ds.transaction(async (em) => {
      const [from, to] = [input.fromCaseId, input.toCaseId];
      const sops = await this.sopsOf(em.getRepository(CaseEntity), [from, to]);
      if (!(await this.ctx.notErased(em, from, 'share')) || !(await this.ctx.notErased(em, to, 'share'))) {
        return { created: false, link: null };
      }
      const row = await this.links.insert(em, {
        fromCaseId: from,
        toCaseId: to,
        relation: input.relation,
        step: input.step,
        subject: input.subject,
        agencyId: input.actor.agencyId,
        actorSub: input.actor.sub,
        at: input.at,
      });
      if (!row) {
        const existing = (await this.links.find(em, from, to, input.relation))!;
        return { created: false, link: view(existing, from, sops) };
      }
      for (const [caseId, other, direction] of [
        [from, to, 'outgoing'],
        [to, from, 'incoming'],
      ] as const) {
        await this.ctx.appendTimeline(em, {
          caseId,
          eventKey: `case-link:${row.id}:${direction}`,
          at: input.at,
          kind: 'case-linked',
          // The step (and its phase) only in the case it belongs to.
          step: direction === 'outgoing' ? (input.step ?? null) : null,
          agencyId: input.actor.agencyId,
          actorSub: input.actor.sub,
          detail: {
            linkedCaseId: other,
            sop: sops.get(other),
            relation: input.relation,
            direction,
            ...(direction === 'outgoing' && input.subject ? { subject: input.subject } : {}),
          },
        });
      }
      await this.ctx.audit.append(
        {
          action: `${input.origin}:case-linked`,
          caseId: from,
          agencyId: input.actor.agencyId,
          actorSub: input.actor.sub,
          detail: { linkedCaseId: to, relation: input.relation },
        },
        em,
      );
      return { created: true, link: view(row, from, sops) };
    });
  }

  /** The links of a case as its view shows them: the other case's id and SOP, the relation and the direction. */
  async linksOf(caseId: string): Promise<CaseLinkView[]> {
    const rows = await this.links.listForCase(this.ctx.ds.manager, caseId);
    const others = rows.map((r) => (r.from_case_id === caseId ? r.to_case_id : r.from_case_id));
    const sops = await this.sopsOf(this.ctx.ds.getRepository(CaseEntity), others);
    return rows.map((r) => view(r, caseId, sops));
  }

  private async sopsOf(
    repo: { findBy(where: { id: ReturnType<typeof In> }): Promise<CaseEntity[]> },
    ids: string[],
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await repo.findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((r) => [r.id, r.sop]));
  }
}

function view(row: CaseLinkRow, seenFrom: string, sops: Map<string, string>): CaseLinkView {
  const outgoing = row.from_case_id === seenFrom;
  const other = outgoing ? row.to_case_id : row.from_case_id;
  return {
    caseId: other,
    sop: sops.get(other) ?? 'unknown',
    relation: row.relation,
    direction: outgoing ? 'outgoing' : 'incoming',
    at: new Date(row.created_at).toISOString(),
  };
}
