import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CaseStore } from '@waymark/cases';
import { DomainException, type Actor } from '@waymark/contracts';
import { DataSource } from 'typeorm';
import { caseErased } from '../erasure/case-erased';
import { requireCaseAction } from '../policy/case-actions';
import type { LinkCaseDto } from './start-case.dto';
import { requireVisibleCase } from './visible-case';

/**
 * Cases linked by hand (POST /cases/:id/links): the lead agency's coordinator links the case to another case its
 * agency takes part in (same operation, same family, follow-on). Both cases show the link (the other case's id and
 * SOP only); opening the other case still follows that case's participants. Repeat-safe: a link that exists,
 * either way round, is answered as it is.
 */
@Injectable()
export class CaseLinksService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: CaseStore,
  ) {}

  async link(actor: Actor, caseId: string, dto: LinkCaseDto) {
    const row = await requireVisibleCase(this.ds.manager, actor, caseId);
    requireCaseAction(row, actor, 'case:link');
    if (dto.caseId.toLowerCase() === caseId.toLowerCase())
      throw new DomainException('conflict', 'A case cannot be linked to itself; name another case in caseId.');
    // The other case must be one the caller's agency takes part in: 404 otherwise, as for any case it cannot see.
    const other = await requireVisibleCase(this.ds.manager, actor, dto.caseId);
    const { created, link } = await this.store.links.link({
      fromCaseId: row.id,
      toCaseId: other.id,
      relation: dto.relation,
      actor,
      at: new Date().toISOString(),
      origin: 'api',
    });
    if (!link) throw caseErased();
    return { caseId: row.id, created, link };
  }

  /** The links of a case the caller can see (the other case's id and SOP only). */
  async list(actor: Actor, caseId: string) {
    await requireVisibleCase(this.ds.manager, actor, caseId);
    return { caseId, items: await this.store.links.linksOf(caseId) };
  }
}
