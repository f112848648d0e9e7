import { defineSignal } from '@temporalio/workflow';

/**
 * `POST /cases/:id/events` reaches only the case's own workflow, so the operation forwards a `court-date-set`
 * event to the named person's branch with this signal. Only the date and the event's sequence travel: the
 * branch needs nothing else to open its court-escort task. (Belongs in the shared contract once the runtime
 * forwards events to children itself; see docs/sops/joint-operation.md.)
 */
export interface CourtDateForward {
  hearingDate: string;
  sequence: number;
}

export const courtDateForwardSignal = defineSignal<[CourtDateForward]>('courtDateForward');

/** The person codes of one operation: P1…Pn, in the order the police recorded them. */
export function personCodes(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `P${i + 1}`);
}
