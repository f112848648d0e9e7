import { hiddenSlotKeys, type SopDefinition } from '@waymark/contracts';
import { ConsentStore } from '@waymark/cases';
import { TaskEntity, type CaseEntity } from '@waymark/database';
import { SOPS, sopById } from '@waymark/workflows/sops';
import type { EntityManager } from 'typeorm';

/**
 * Slots whose agency learns of a case only once a consent of the person names it or a task of the case waits for it
 * (ParticipantSpec.hiddenUntilConsent: the origin-country agencies of a return). Before that the case is not in its
 * lists and answers 404, as a case it does not take part in; nothing of the person reaches it.
 */
export const HIDDEN_SLOTS: readonly string[] = hiddenSlotKeys(SOPS);
const HIDDEN_SOPS: readonly string[] = [...new Set(HIDDEN_SLOTS.map((k) => k.slice(0, k.indexOf(':'))))];
/** `<sop>:<slot>:<kind>` of every hidden slot: a consent naming that kind of agency names the slot's agency. */
const HIDDEN_SLOT_KINDS: readonly string[] = SOPS.flatMap((sop) =>
  Object.entries(sop.participants)
    .filter(([slot]) => HIDDEN_SLOTS.includes(`${sop.id}:${slot}`))
    .map(([slot, spec]) => `${sop.id}:${slot}:${spec.kind}`),
);

/**
 * The case-list filter (TypeORM where-clause over `cases c`, parameters `agency`, `hiddenSops`, `hiddenSlots`): the
 * agency fills a slot that is not hidden, or an active consent names it, or a task of the case is or was its.
 */
export const VISIBLE_TO_AGENCY = `(
  NOT (c.sop = ANY(:hiddenSops))
  OR EXISTS (SELECT 1 FROM jsonb_each_text(c.participants) p
             WHERE p.value = :agency AND NOT ((c.sop || ':' || p.key) = ANY(:hiddenSlots)))
  OR EXISTS (SELECT 1 FROM consents k
             WHERE k.case_id = c.id AND k.shared_with_agency = :agency AND k.withdrawn_at IS NULL
               AND (k.valid_until IS NULL OR k.valid_until > now()))
  OR EXISTS (SELECT 1 FROM consents k JOIN jsonb_each_text(c.participants) q ON q.value = :agency
             WHERE k.case_id = c.id AND k.shared_with_kind IS NOT NULL AND k.withdrawn_at IS NULL
               AND (k.valid_until IS NULL OR k.valid_until > now())
               AND (c.sop || ':' || q.key || ':' || k.shared_with_kind) = ANY(:hiddenSlotKinds))
  OR EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id AND t.agency_id = :agency)
)`;

export function visibilityParams(agencyId: string) {
  return {
    agency: agencyId,
    hiddenSops: [...HIDDEN_SOPS],
    hiddenSlots: [...HIDDEN_SLOTS],
    hiddenSlotKinds: [...HIDDEN_SLOT_KINDS],
  };
}

/** Does the agency fill only hidden slots of this case? (then it sees it only under consent or a task) */
function onlyHiddenSlots(sop: SopDefinition | string, participants: Readonly<Record<string, string>>, agency: string) {
  const id = typeof sop === 'string' ? sop : sop.id;
  const slots = Object.entries(participants).filter(([, a]) => a === agency);
  return slots.length > 0 && slots.every(([slot]) => HIDDEN_SLOTS.includes(`${id}:${slot}`));
}

/** Is the case still hidden from this participant agency (no consent names it, no task of the case is its)? */
export async function hiddenFrom(em: EntityManager, kase: CaseEntity, agencyId: string): Promise<boolean> {
  if (!onlyHiddenSlots(kase.sop, kase.participants, agencyId)) return false;
  const consents = await new ConsentStore(em.connection).listForCase(kase.id);
  const now = Date.now();
  const active = (c: { withdrawn_at: Date | null; valid_until: Date | null }) =>
    c.withdrawn_at === null && (c.valid_until === null || c.valid_until.getTime() > now);
  // A consent naming the agency, or the kind of a slot it fills (the origin NGO, whoever it turns out to be).
  const kinds = Object.entries(kase.participants)
    .filter(([, a]) => a === agencyId)
    .map(([slot]): string | undefined => sopById(kase.sop)?.participants[slot]?.kind);
  const names = (c: { shared_with_agency: string | null; shared_with_kind: string | null }) =>
    c.shared_with_agency === agencyId || (c.shared_with_kind !== null && kinds.includes(c.shared_with_kind));
  if (consents.some((c) => names(c) && active(c))) return false;
  return !(await em.getRepository(TaskEntity).exists({ where: { caseId: kase.id, agencyId } }));
}
