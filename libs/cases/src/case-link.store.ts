import type { LinkRelation } from '@waymark/contracts';
import type { EntityManager } from 'typeorm';

export interface CaseLinkRow {
  id: string;
  from_case_id: string;
  to_case_id: string;
  relation: LinkRelation;
  step: string | null;
  subject: string | null;
  agency_id: string | null;
  created_at: Date;
}

export interface CaseLinkInsert {
  fromCaseId: string;
  toCaseId: string;
  relation: LinkRelation;
  step?: string;
  subject?: string;
  agencyId: string;
  actorSub: string;
  at: string;
}

const COLUMNS = 'id, from_case_id, to_case_id, relation, step, subject, agency_id, created_at';

/** The only module with SQL on `case_links`: two case ids, the relation and who linked them; nothing personal. */
export class CaseLinkStore {
  /** The new link, or undefined when the pair already has a link of this relation (either way round). */
  async insert(em: EntityManager, link: CaseLinkInsert): Promise<CaseLinkRow | undefined> {
    const rows = (await em.query(
      `INSERT INTO case_links (from_case_id, to_case_id, relation, step, subject, agency_id, actor_sub, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        link.fromCaseId,
        link.toCaseId,
        link.relation,
        link.step ?? null,
        link.subject ?? null,
        link.agencyId,
        link.actorSub,
        new Date(link.at),
      ],
    )) as CaseLinkRow[];
    return rows[0];
  }

  /** The link of this relation between the two cases, whichever way round it was made. */
  async find(em: EntityManager, a: string, b: string, relation: LinkRelation): Promise<CaseLinkRow | undefined> {
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM case_links
       WHERE relation = $3 AND ((from_case_id = $1 AND to_case_id = $2) OR (from_case_id = $2 AND to_case_id = $1))`,
      [a, b, relation],
    )) as CaseLinkRow[];
    return rows[0];
  }

  /** Every link of a case, oldest first. */
  async listForCase(em: EntityManager, caseId: string): Promise<CaseLinkRow[]> {
    return (await em.query(
      `SELECT ${COLUMNS} FROM case_links WHERE from_case_id = $1 OR to_case_id = $1 ORDER BY created_at, id`,
      [caseId],
    )) as CaseLinkRow[];
  }
}
