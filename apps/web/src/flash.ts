import type { Params } from './i18n';
import type { MessageKey } from './i18n/en';

/** A confirmation carried across one navigation (e.g. "Completed: …" shown on the inbox after a task page). */
export interface Flash {
  key: MessageKey;
  params?: Params;
  /** The case the confirmation is about: the page showing it links there. */
  caseId?: string;
}

let pending: Flash | null = null;

export function setFlash(f: Flash): void {
  pending = f;
}

/** The waiting confirmation, once: the page that shows it takes it. */
export function takeFlash(): Flash | null {
  const f = pending;
  pending = null;
  return f;
}
