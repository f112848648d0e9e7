import { DomainException, type Actor } from '@waymark/contracts';
import { CaseEntity } from '@waymark/database';
import type { EntityManager } from 'typeorm';
import { caseErased } from '../erasure/case-erased';
import { hiddenFrom } from './case-visibility';

/**
 * The case if the caller's agency takes part in it. Another agency's case is reported as absent (its existence is
 * not theirs to know), and so is a case an origin-country agency has no consent or task in yet (case-visibility.ts);
 * an erased case answers 410 to its participants.
 */
export async function requireVisibleCase(em: EntityManager, actor: Actor, caseId: string): Promise<CaseEntity> {
  const row = await em.getRepository(CaseEntity).findOneBy({ id: caseId });
  if (!row || !row.participantAgencies.includes(actor.agencyId) || (await hiddenFrom(em, row, actor.agencyId))) {
    throw new DomainException('not_found', 'No case with this id is visible to your agency.');
  }
  if (row.erasedAt) throw caseErased();
  return row;
}
