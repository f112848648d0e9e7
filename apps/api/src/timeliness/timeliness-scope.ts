import { DomainException, type Actor, type SopDefinition } from '@waymark/contracts';

/** Roles that may read timeliness figures: people who watch deadlines, not those who work the inbox. */
export const DASHBOARD_ROLES: readonly string[] = ['manager', 'supervisor'];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** What a timeliness query reads: one agency's tasks, optionally one SOP and step, opened in `[from, before)`. */
export interface TimelinessScope {
  agencyId: string;
  /**
   * A counterpart view: `agencyId`'s tasks only in cases this agency (the caller's) takes part in, without the
   * tasks of a separated phase the caller's agency did not act in within that case (see `separatedPhases`).
   */
  sharedWith?: string;
  /** `sop:phase` pairs an SOP keeps apart (Venice: inspection and protection, seed L1618-L1621). */
  separatedPhases?: string[];
  sop?: string;
  step?: string;
  from?: Date;
  before?: Date;
}

export interface ScopeFilters {
  sop?: string;
  step?: string;
  agencyId?: string;
  from?: string;
  to?: string;
}

/** Every `sop:phase` an SOP's rules keep apart from another phase. */
export function separatedPhasesOf(sops: readonly SopDefinition[]): string[] {
  return sops
    .flatMap((sop) => (sop.rules ?? []).flatMap((r) => (r.separatesPhases ?? []).map((p) => `${sop.id}:${p}`)))
    .sort();
}

/**
 * Checks the caller may read the figures and turns the query into a scope. Without `agencyId`, or with the caller's
 * own, the figures are the caller's agency's. With another agency (a counterpart: FR-30's drill-down by counterpart,
 * where time goes between agencies) and `counterparts` allowed, they are that agency's steps in the cases the
 * caller's agency takes part in, which its people follow on the case timelines anyway; a separated phase's steps
 * count only in cases where the caller's agency acted in that phase too. The anonymised export stays own-agency.
 */
export function resolveScope(
  actor: Actor,
  filters: ScopeFilters,
  opts: { counterparts?: boolean; separatedPhases?: string[] } = {},
): TimelinessScope {
  if (!actor.roles.some((r) => DASHBOARD_ROLES.includes(r))) {
    throw new DomainException(
      'forbidden',
      'Timeliness figures are for managers and supervisors; ask for a token with the manager or supervisor role.',
    );
  }
  const counterpart = filters.agencyId !== undefined && filters.agencyId !== actor.agencyId;
  if (counterpart && !opts.counterparts) {
    throw new DomainException(
      'forbidden',
      "The anonymised export covers your own agency's tasks only; leave out agencyId or set it to your own agency.",
    );
  }
  const { from, before } = resolvePeriod(filters.from, filters.to);
  const base = { sop: filters.sop, step: filters.step, from, before };
  if (!counterpart) return { agencyId: actor.agencyId, ...base };
  return {
    agencyId: filters.agencyId!,
    sharedWith: actor.agencyId,
    separatedPhases: opts.separatedPhases ?? [],
    ...base,
  };
}

/**
 * The period over task `opened_at`, as `[from, before)`. A date means a whole UTC day, so `to=2025-01-31` includes
 * the 31st; a date-time `to` is an exclusive instant.
 */
export function resolvePeriod(from?: string, to?: string): { from?: Date; before?: Date } {
  const start = from === undefined ? undefined : parseInstant(from, 'from');
  let before: Date | undefined;
  if (to !== undefined) {
    const end = parseInstant(to, 'to');
    before = DATE_ONLY.test(to) ? new Date(end.getTime() + DAY_MS) : end;
  }
  if (start && before && before.getTime() <= start.getTime()) {
    throw new DomainException('validation_failed', 'The period is empty; see `fields`.', [
      { field: 'to', reason: 'must be after from' },
    ]);
  }
  return { from: start, before };
}

function parseInstant(value: string, field: 'from' | 'to'): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    throw new DomainException('validation_failed', 'The period has an invalid date; see `fields`.', [
      { field, reason: 'must be an ISO 8601 date (2025-01-31) or date-time with offset (2025-01-31T08:00:00Z)' },
    ]);
  }
  return at;
}

/**
 * The export publishes whole calendar months (UTC). Widening the period to whole months keeps a caller from
 * differencing two exports of one month cut at different days to recover a withheld small count.
 */
export function monthAligned(scope: TimelinessScope): TimelinessScope {
  const startOfMonth = (d: Date, add: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1));
  return {
    ...scope,
    from: scope.from && startOfMonth(scope.from, 0),
    // `before` is exclusive: the month holding its last included instant is the last month exported.
    before: scope.before && startOfMonth(new Date(scope.before.getTime() - 1), 1),
  };
}
