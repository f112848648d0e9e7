import type { CaseSummary } from '@waymark/contracts';
import type { CaseEntity, TimelineEntryEntity } from '@waymark/database';

// Pure pieces of the case view (GET /cases/:id and the case list), kept apart from the service that reads the rows.

/**
 * Steps held back until a consent is recorded: each `waiting-for-consent` timeline entry not yet followed by a
 * `consent-received` for the same step and person. Purpose, agency and scope only: the case's data stays out.
 */
export function waitingForConsent(entries: readonly Pick<TimelineEntryEntity, 'kind' | 'step' | 'at' | 'detail'>[]) {
  const open = new Map<string, { step: string; since: string; detail: Record<string, unknown> }[]>();
  for (const e of entries) {
    const key = `${e.step ?? ''}:${typeof e.detail.subject === 'string' ? e.detail.subject : ''}`;
    if (e.kind === 'waiting-for-consent')
      open.set(key, [...(open.get(key) ?? []), { step: e.step ?? '', since: e.at.toISOString(), detail: e.detail }]);
    if (e.kind === 'consent-received') open.get(key)?.shift();
  }
  return [...open.values()].flat().map(({ step, since, detail }) => ({
    step,
    purpose: detail.purpose,
    scope: detail.scope,
    ...(detail.sharedWithAgency ? { sharedWithAgency: detail.sharedWithAgency } : {}),
    ...(typeof detail.subject === 'string' ? { subject: detail.subject } : {}),
    since,
  }));
}

export function withoutValue(detail: Record<string, unknown>): Record<string, unknown> {
  const { value: _value, ...rest } = detail;
  return { ...rest, redacted: ['value'] };
}

export function toSummary(row: CaseEntity): CaseSummary {
  return {
    caseId: row.id,
    sop: row.sop,
    sopVersion: row.sopVersion,
    overlay: row.overlay ?? null,
    status: row.status,
    endState: row.endState,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
