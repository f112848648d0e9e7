import type { Task } from '../api';

export type SortKey = 'due' | 'opened' | 'sop' | 'step';
export interface InboxFilter {
  sop: string;
  /** Matches the step id or its (translated) title. */
  text: string;
  overdueOnly: boolean;
  claim: 'all' | 'unclaimed' | 'mine';
}

export const EMPTY_FILTER: InboxFilter = { sop: '', text: '', overdueOnly: false, claim: 'all' };

/** Filters and sorts the inbox in the browser: the API gives the caller's open tasks, a page at most. */
export function arrangeTasks(
  tasks: Task[],
  filter: InboxFilter,
  sort: SortKey,
  dir: 'asc' | 'desc',
  me: string,
  stepTitle: (t: Task) => string = (t) => t.title,
): Task[] {
  const text = filter.text.trim().toLowerCase();
  const kept = tasks.filter(
    (t) =>
      (!filter.sop || t.sop === filter.sop) &&
      (!filter.overdueOnly || t.overdue) &&
      (filter.claim === 'all' || (filter.claim === 'unclaimed' ? !t.claimedBy : t.claimedBy === me)) &&
      (!text ||
        t.step.toLowerCase().includes(text) ||
        stepTitle(t).toLowerCase().includes(text) ||
        t.caseId.startsWith(text)),
  );
  const key = (t: Task): string | number => {
    switch (sort) {
      case 'due':
        // Tasks without a due date go last in either direction of "soonest first".
        return t.dueAt ? Date.parse(t.dueAt) : dir === 'asc' ? Number.MAX_SAFE_INTEGER : -1;
      case 'opened':
        return Date.parse(t.openedAt);
      case 'sop':
        return t.sop;
      case 'step':
        return stepTitle(t);
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...kept].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return c !== 0 ? c * sign : a.taskId.localeCompare(b.taskId);
  });
}

/** A short case reference for tables: the first block of the case id (the full id is in the link). */
export const caseRef = (caseId: string) => caseId.slice(0, 8);
