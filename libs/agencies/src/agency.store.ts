import type { DataSource, EntityManager } from 'typeorm';

export interface AgencyRow {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

export interface MembershipRow {
  sub: string;
  roles: string[];
  updated_at: Date;
}

/** The only module with SQL on `agencies` and `memberships` (see libs/database/src/table-owners.ts). */
export class AgencyStore {
  constructor(private readonly ds: DataSource | EntityManager) {}

  async list(): Promise<AgencyRow[]> {
    return (await this.ds.query(`SELECT id, name, kind, country FROM agencies ORDER BY id`)) as AgencyRow[];
  }

  /** Inserts the agency unless its id exists; returns whether it was new. */
  async insertIfMissing(a: AgencyRow): Promise<boolean> {
    const rows = (await this.ds.query(
      `INSERT INTO agencies (id, name, kind, country) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [a.id, a.name, a.kind, a.country],
    )) as unknown[];
    return rows.length > 0;
  }

  async exists(agencyId: string): Promise<boolean> {
    const [agency] = (await this.ds.query(`SELECT 1 FROM agencies WHERE id = $1`, [agencyId])) as unknown[];
    return agency !== undefined;
  }

  /** The kind of each of these agencies that exists (missing ids are absent from the map). */
  async kindsOf(agencyIds: readonly string[]): Promise<Map<string, string>> {
    const rows = (await this.ds.query(`SELECT id, kind FROM agencies WHERE id = ANY($1::text[])`, [
      [...agencyIds],
    ])) as { id: string; kind: string }[];
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  async members(agencyId: string): Promise<MembershipRow[]> {
    return (await this.ds.query(`SELECT sub, roles, updated_at FROM memberships WHERE agency_id = $1 ORDER BY sub`, [
      agencyId,
    ])) as MembershipRow[];
  }

  async setMember(agencyId: string, sub: string, roles: readonly string[]): Promise<void> {
    await this.ds.query(
      `INSERT INTO memberships (agency_id, sub, roles) VALUES ($1, $2, $3)
       ON CONFLICT (agency_id, sub) DO UPDATE SET roles = EXCLUDED.roles, updated_at = now()`,
      [agencyId, sub, [...roles]],
    );
  }

  /**
   * A person seen acting for the agency with these roles (their token's): added to its people, or their roles
   * brought up to date; nothing is written when nothing changed. An unregistered agency is skipped.
   */
  async recordSeen(agencyId: string, sub: string, roles: readonly string[]): Promise<void> {
    await this.ds.query(
      `INSERT INTO memberships (agency_id, sub, roles)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM agencies WHERE id = $1)
       ON CONFLICT (agency_id, sub) DO UPDATE SET roles = EXCLUDED.roles, updated_at = now()
       WHERE memberships.roles IS DISTINCT FROM EXCLUDED.roles`,
      [agencyId, sub, [...roles].sort()],
    );
  }
}
