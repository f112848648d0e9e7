import { api, type Task } from './api';
import { CODEC_ROLES, DASHBOARD_ROLES, hasAnyRole, type Session } from './session';

/**
 * Where a person lands after signing in: managers and supervisors on the dashboard (what is overdue now), operators
 * on Temporal decoding, people with tasks on their inbox, and people without any (event reporters, data
 * protection) on their agency's cases.
 */
export async function landingFor(session: Session): Promise<string> {
  if (hasAnyRole(session, DASHBOARD_ROLES)) return '/dashboard';
  if (hasAnyRole(session, CODEC_ROLES)) return '/decoding';
  try {
    const r = await api<{ items: Task[] }>('/tasks?limit=1');
    return r.items.length > 0 ? '/' : '/cases';
  } catch {
    return '/';
  }
}
