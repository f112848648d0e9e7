import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgencyStore } from '@waymark/agencies';
import { DomainException, type Actor } from '@waymark/contracts';
import { DataSource } from 'typeorm';
import type { CreateAgencyDto } from './agency.dto';

/** Platform administrators manage agencies; an agency's own administrators manage its people. */
export const PLATFORM_ADMIN = 'platform-admin';
export const AGENCY_ADMIN = 'agency-admin';

@Injectable()
export class AgenciesService {
  private readonly agencies: AgencyStore;

  constructor(@InjectDataSource() ds: DataSource) {
    this.agencies = new AgencyStore(ds);
  }

  async list() {
    const rows = await this.agencies.list();
    return { items: rows };
  }

  async create(actor: Actor, dto: CreateAgencyDto) {
    if (!actor.roles.includes(PLATFORM_ADMIN)) {
      throw new DomainException('forbidden', `Creating agencies needs the ${PLATFORM_ADMIN} role.`);
    }
    const inserted = await this.agencies.insertIfMissing({
      id: dto.id,
      name: dto.name,
      kind: dto.kind,
      country: dto.country ?? null,
    });
    if (!inserted) throw new DomainException('conflict', 'An agency with this id already exists; choose another id.');
    return { id: dto.id, name: dto.name, kind: dto.kind, country: dto.country ?? null };
  }

  private async requireAdminOf(actor: Actor, agencyId: string): Promise<void> {
    if (!(await this.agencies.exists(agencyId))) throw new DomainException('not_found', 'No agency with this id.');
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
    const rows = await this.agencies.members(agencyId);
    return { items: rows.map((r) => ({ sub: r.sub, roles: r.roles, updatedAt: r.updated_at.toISOString() })) };
  }

  async setMember(actor: Actor, agencyId: string, sub: string, roles: string[]) {
    await this.requireAdminOf(actor, agencyId);
    await this.agencies.setMember(agencyId, sub, [...new Set(roles)]);
    return { agencyId, sub, roles: [...new Set(roles)] };
  }
}
