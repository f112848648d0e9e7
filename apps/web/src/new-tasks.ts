import { useCallback, useEffect, useState } from 'react';
import { api, type Task } from './api';
import type { Session } from './session';

const key = (sub: string) => `waymark.inboxSeen.${sub}`;

/** When this person last looked at their inbox in this browser (ISO time), or null the first time. */
export function inboxSeenAt(sub: string): string | null {
  try {
    return localStorage.getItem(key(sub));
  } catch {
    return null;
  }
}

export function markInboxSeen(sub: string, at = new Date().toISOString()): void {
  try {
    localStorage.setItem(key(sub), at);
  } catch {
    // Not remembered: every task reads as seen next time.
  }
}

/** Tasks that arrived after `seen` (all of them count as seen the first time, so nobody starts with a flood). */
export function countNew(tasks: Pick<Task, 'openedAt'>[], seen: string | null): number {
  if (!seen) return 0;
  const since = Date.parse(seen);
  return tasks.filter((t) => Date.parse(t.openedAt) > since).length;
}

/** How often the header asks whether tasks arrived. */
export const NEW_TASKS_INTERVAL_MS = 20_000;

/**
 * The header's "new tasks" count: open tasks that arrived since the person last looked at their inbox, asked again
 * every 20 s and whenever `path` changes.
 */
export function useNewTasks(session: Session | null, path: string): number {
  const [n, setN] = useState(0);
  const check = useCallback(() => {
    if (!session) return;
    const seen = inboxSeenAt(session.sub);
    if (!seen) markInboxSeen(session.sub);
    api<{ items: Task[] }>('/tasks?limit=200').then(
      (r) => setN(countNew(r.items, inboxSeenAt(session.sub))),
      () => undefined,
    );
  }, [session]);
  useEffect(() => {
    check();
    const id = setInterval(check, NEW_TASKS_INTERVAL_MS);
    return () => clearInterval(id);
  }, [check, path]);
  return session ? n : 0;
}
