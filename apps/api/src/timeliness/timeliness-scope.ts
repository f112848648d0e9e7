import { DomainException, type Actor } from '@waymark/contracts';

/** Roles that may read timeliness figures: people who watch deadlines, not those who work the inbox. */
export const DASHBOARD_ROLES: readonly string[] = ['manager', 'supervisor'];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** What a timeliness query reads: one agency's tasks, optionally one SOP and step, opened in `[from, before)`. */
export interface TimelinessScope {
  agencyId: string;
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

/**
 * Checks the caller may read the figures and turns the query into a scope. Figures are always of the caller's own
 * agency (every read of an agency-scoped table is scoped); naming another agency is refused rather than ignored, so
 * a manager never mistakes their own figures for another agency's.
 */
export function resolveScope(actor: Actor, filters: ScopeFilters): TimelinessScope {
  if (!actor.roles.some((r) => DASHBOARD_ROLES.includes(r))) {
    throw new DomainException(
      'forbidden',
      'Timeliness figures are for managers and supervisors; ask for a token with the manager or supervisor role.',
    );
  }
  if (filters.agencyId !== undefined && filters.agencyId !== actor.agencyId) {
    throw new DomainException(
      'forbidden',
      "You may only read your own agency's timeliness figures; leave out agencyId or set it to your own agency.",
    );
  }
  const { from, before } = resolvePeriod(filters.from, filters.to);
  return { agencyId: actor.agencyId, sop: filters.sop, step: filters.step, from, before };
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
