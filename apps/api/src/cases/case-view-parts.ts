import type { CaseSummary, SopDefinition } from '@waymark/contracts';
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

export interface PersonView {
  subject: string;
  status: 'open' | 'ended';
  endState: string | null;
  /** What became of the person (PERSON_OUTCOMES) and why: the ending event's reason code, else the end state. */
  outcome: string | null;
  reason: string | null;
  endedAt: string | null;
}

/**
 * Each person of the case from the branch entries of its timeline the caller may see. A caller kept out of the
 * persons' phase (the inspection agencies in the Venice SOP) sees none: a list of codes forever "open" would mislead.
 */
export function personsOfCase(
  entries: readonly Pick<TimelineEntryEntity, 'kind' | 'at' | 'detail'>[],
  sop: SopDefinition | undefined,
  seesOutcomes: boolean,
): PersonView[] {
  if (!seesOutcomes) return [];
  const persons = new Map<string, PersonView>();
  for (const e of entries) {
    const subject = e.detail.subject;
    if (typeof subject !== 'string') continue;
    if (e.kind === 'person-branch-started' && !persons.has(subject))
      persons.set(subject, { subject, status: 'open', endState: null, outcome: null, reason: null, endedAt: null });
    if (e.kind !== 'person-branch-ended') continue;
    const endState = typeof e.detail.endState === 'string' ? e.detail.endState : null;
    const declared = sop?.endStates.find((s) => s.id === endState)?.personOutcome ?? null;
    persons.set(subject, {
      subject,
      status: 'ended',
      endState,
      outcome: typeof e.detail.outcome === 'string' ? e.detail.outcome : declared,
      reason: typeof e.detail.reason === 'string' ? e.detail.reason : endState,
      endedAt: e.at.toISOString(),
    });
  }
  return [...persons.values()];
}

/** The case's round: the latest `round-started` entry's, else 1 (EventSpec.reopens). */
export function currentRound(entries: readonly Pick<TimelineEntryEntity, 'kind' | 'detail'>[]): number {
  let round = 1;
  for (const e of entries)
    if (e.kind === 'round-started' && typeof e.detail.round === 'number') round = Math.max(round, e.detail.round);
  return round;
}
