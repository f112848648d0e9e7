import { slotKindMismatch } from '@waymark/contracts';
import { CaseEntity } from '@waymark/database';
import type { NotificationStore } from '@waymark/notifications';
import { sopById } from '@waymark/workflows/sops';
import type { DataSource } from 'typeorm';
import type { ReferralRow } from './referral-store';

/** Supervising roles hear about a referral's events as well as the agency's roles in the case's steps. */
const SUPERVISING_ROLES = ['supervisor', 'manager'];

export type ReferralNoticeKind =
  | 'referral-no-ack'
  | 'referral-no-decision'
  | 'referral-refused'
  | 'referral-decision'
  | 'referral-status'
  | 'referral-withdrawn'
  | 'referral-received';

/**
 * Tells the agency that sent (or, once a case was started from it, received) a referral that something happened,
 * on the case the referral belongs to. A referral without a case yet (an incoming one awaiting its decision) is
 * shown flagged in the agency's incoming list instead. The notice carries ids and codes only.
 */
export async function noticeOnReferralCase(
  ds: DataSource,
  notifications: NotificationStore,
  row: ReferralRow,
  kind: ReferralNoticeKind,
  key: string,
  detail: Record<string, string> = {},
): Promise<void> {
  if (!row.case_id) return;
  const kase = await ds.getRepository(CaseEntity).findOneBy({ id: row.case_id });
  if (!kase) return;
  const sop = sopById(kase.sop);
  const stepRoles = (sop?.steps ?? [])
    .filter((s) => kase.participants[s.actor.slot] === row.local_agency)
    .flatMap((s) => s.actor.roles);
  await notifications.notify({
    key: `${kind}:${row.id}:${key}`,
    agencyId: row.local_agency,
    roles: [...new Set([...stepRoles, ...SUPERVISING_ROLES])],
    kind,
    caseId: kase.id,
    sop: kase.sop,
    at: new Date().toISOString(),
    detail: { referralId: row.id, partner: row.partner_id, ...detail },
  });
}

/**
 * Tells the receiving agency that a referral arrived, before any case exists for it: to the roles of the receiving
 * SOP's steps its kind of agency takes, and its supervisors. Ids only; the packet's fields stay sealed.
 */
export async function noticeOfArrival(
  notifications: NotificationStore,
  r: { referralId: string; agencyId: string; agencyKind: string; sop: string; partnerId: string },
): Promise<void> {
  const sop = sopById(r.sop);
  const stepRoles = (sop?.steps ?? [])
    .filter((s) => {
      const slot = sop?.participants[s.actor.slot];
      return slot !== undefined && slotKindMismatch(slot, r.agencyKind) === undefined;
    })
    .flatMap((s) => s.actor.roles);
  await notifications.notify({
    key: `referral-received:${r.referralId}`,
    agencyId: r.agencyId,
    roles: [...new Set([...stepRoles, ...SUPERVISING_ROLES])],
    kind: 'referral-received',
    caseId: null,
    sop: r.sop,
    at: new Date().toISOString(),
    detail: { referralId: r.referralId, partner: r.partnerId },
  });
}
