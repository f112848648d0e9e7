import type { DataSource, EntityManager } from 'typeorm';

export interface AccessGrantRow {
  id: string;
  case_id: string;
  agency_id: string;
  actor_sub: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  ended_by_sub: string | null;
}

const COLUMNS = 'id, case_id, agency_id, actor_sub, reason, granted_at, expires_at, ended_at, ended_by_sub';

/** The only module with SQL on `access_grants` (break-glass grants; libs/database/src/table-owners.ts). */
export class AccessGrantStore {
  constructor(private readonly ds: DataSource) {}

  /** Inserts unless the id exists (a retried request); returns the row either way. */
  async insert(
    g: { id: string; caseId: string; agencyId: string; actorSub: string; reason: string; minutes: number },
    em: EntityManager = this.ds.manager,
  ): Promise<AccessGrantRow> {
    await em.query(
      `INSERT INTO access_grants (id, case_id, agency_id, actor_sub, reason, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6)) ON CONFLICT (id) DO NOTHING`,
      [g.id, g.caseId, g.agencyId, g.actorSub, g.reason, g.minutes],
    );
    const [row] = (await em.query(`SELECT ${COLUMNS} FROM access_grants WHERE id = $1`, [g.id])) as AccessGrantRow[];
    return row;
  }

  /** Every grant of the case, newest first (the access report and the lead's view). */
  async listForCase(caseId: string): Promise<AccessGrantRow[]> {
    return (await this.ds.query(
      `SELECT ${COLUMNS} FROM access_grants WHERE case_id = $1 ORDER BY granted_at DESC, id`,
      [caseId],
    )) as AccessGrantRow[];
  }

  /** The agencies holding a grant that runs now (not expired, not ended). */
  async activeAgencies(caseId: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT agency_id FROM access_grants
        WHERE case_id = $1 AND ended_at IS NULL AND expires_at > now()`,
      [caseId],
    )) as { agency_id: string }[];
    return rows.map((r) => r.agency_id);
  }

  /** Ends a running grant early (by the lead or the agency that opened it); false when none runs. */
  async end(caseId: string, grantId: string, bySub: string): Promise<boolean> {
    const rows = (await this.ds.query(
      `UPDATE access_grants SET ended_at = now(), ended_by_sub = $3
        WHERE case_id = $1 AND id = $2 AND ended_at IS NULL AND expires_at > now() RETURNING id`,
      [caseId, grantId, bySub],
    )) as [unknown[], number] | unknown[];
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
    return list.length > 0;
  }
}
