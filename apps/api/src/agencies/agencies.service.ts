import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, type Actor } from '@waymark/contracts';
import { DataSource } from 'typeorm';
import type { CreateAgencyDto } from './agency.dto';

/** Platform administrators manage agencies; an agency's own administrators manage its people. */
export const PLATFORM_ADMIN = 'platform-admin';
export const AGENCY_ADMIN = 'agency-admin';

@Injectable()
export class AgenciesService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list() {
    const rows: { id: string; name: string; kind: string; country: string | null }[] = await this.ds.query(
      `SELECT id, name, kind, country FROM agencies ORDER BY id`,
    );
    return { items: rows };
  }

  async create(actor: Actor, dto: CreateAgencyDto) {
    if (!actor.roles.includes(PLATFORM_ADMIN)) {
      throw new DomainException('forbidden', `Creating agencies needs the ${PLATFORM_ADMIN} role.`);
    }
    const rows = await this.ds.query(
      `INSERT INTO agencies (id, name, kind, country) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [dto.id, dto.name, dto.kind, dto.country ?? null],
    );
    if (rows.length === 0)
      throw new DomainException('conflict', 'An agency with this id already exists; choose another id.');
    return { id: dto.id, name: dto.name, kind: dto.kind, country: dto.country ?? null };
  }

  private async requireAdminOf(actor: Actor, agencyId: string): Promise<void> {
    const [agency] = await this.ds.query(`SELECT 1 FROM agencies WHERE id = $1`, [agencyId]);
    if (!agency) throw new DomainException('not_found', 'No agency with this id.');
    const own = actor.agencyId === agencyId && actor.roles.includes(AGENCY_ADMIN);
    if (!own && !actor.roles.includes(PLATFORM_ADMIN)) {
      throw new DomainException(
        'forbidden',
        `Managing this agency's people needs ${AGENCY_ADMIN} of the agency or ${PLATFORM_ADMIN}.`,
      );
    }
  }

  async members(actor: Actor, agencyId: string) {
    await this.requireAdminOf(actor, agencyId);
    const rows: { sub: string; roles: string[]; updated_at: Date }[] = await this.ds.query(
      `SELECT sub, roles, updated_at FROM memberships WHERE agency_id = $1 ORDER BY sub`,
      [agencyId],
    );
    return { items: rows.map((r) => ({ sub: r.sub, roles: r.roles, updatedAt: r.updated_at.toISOString() })) };
  }

  async setMember(actor: Actor, agencyId: string, sub: string, roles: string[]) {
    await this.requireAdminOf(actor, agencyId);
    await this.ds.query(
      `INSERT INTO memberships (agency_id, sub, roles) VALUES ($1, $2, $3)
       ON CONFLICT (agency_id, sub) DO UPDATE SET roles = EXCLUDED.roles, updated_at = now()`,
      [agencyId, sub, [...new Set(roles)]],
    );
    return { agencyId, sub, roles: [...new Set(roles)] };
  }
}
