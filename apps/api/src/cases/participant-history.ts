import type { TimelineEntryEntity } from '@waymark/database';

/** Who filled which slot when: the case's `participant-changed` timeline entries, oldest first (ids and slots only). */
export function participantHistory(
  entries: readonly Pick<TimelineEntryEntity, 'kind' | 'at' | 'agencyId' | 'detail'>[],
) {
  return entries
    .filter((e) => e.kind === 'participant-changed')
    .map((e) => ({
      at: e.at.toISOString(),
      slot: e.detail.slot,
      from: e.detail.from,
      to: e.detail.to,
      // The agency withdrew: `to` is the lead agency, holding the slot until another agency is put in it.
      withdrawn: e.detail.withdrawn === true,
      byAgency: e.agencyId,
    }));
}
