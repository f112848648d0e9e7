import { durationToMs, type CaseResult } from '@waymark/contracts';
import type { PersonBranch, SopRuntime } from '../runtime/sop-runtime';
import { courtDateForwardSignal } from './joint-operation.messages';
import { REVIEW_CADENCE } from './joint-operation.sop';

type Branches = Map<string, PersonBranch<CaseResult>>;

/**
 * After a deployment that identified people: one child workflow per person code, quarterly reviews, and court
 * dates forwarded to the named person's branch. Ends when a review closes the operation with no branch open.
 */
export async function followOperation(sop: SopRuntime, codes: string[]): Promise<string> {
  // Started together: each person's rights information is due "as soon as" they are identified (L5579-L5580).
  const started = await Promise.all(
    codes.map((code) => sop.startPerson<CaseResult>('jointOperationPersonWorkflow', code)),
  );
  const branches: Branches = new Map(started.map((b) => [b.subject, b]));
  // The runtime knows when each branch ends (a failed one counts as ended, so a review can still close the operation).
  const phase = { over: false };
  const [endState] = await Promise.all([
    reviews(sop, codes).finally(() => (phase.over = true)),
    forwardCourtDates(sop, branches, phase),
  ]);
  return endState;
}

/**
 * "Regular quarterly coordination meetings" (L5581), every 90 days (inferred) while the operation is open. A meeting
 * that closes the operation while the NGO still follows someone closes it when the last branch ends (inferred).
 */
async function reviews(sop: SopRuntime, codes: string[]): Promise<string> {
  const open = () => codes.filter((c) => !sop.personEnded(c));
  for (;;) {
    await sop.sleep(durationToMs(REVIEW_CADENCE));
    const { value } = await sop.decide<'continue' | 'close-operation'>('quarterly-review', 'decision');
    if (value === 'close-operation') break;
  }
  if (open().length > 0) {
    await sop.note('operation-close-pending', { step: 'quarterly-review', detail: { openBranches: open() } });
    await sop.waitFor(() => open().length === 0);
  }
  return 'operation-closed';
}

/**
 * `POST /cases/:id/events` reaches this workflow only; a court date is passed on to the person's branch, which
 * opens the court escort (L5582). A date for an unknown or ended branch is left on the timeline for the review.
 */
async function forwardCourtDates(sop: SopRuntime, branches: Branches, phase: { over: boolean }) {
  for (;;) {
    await sop.waitFor(() => phase.over || sop.hasEvent('court-date-set'));
    if (phase.over) return;
    const event = (await sop.awaitEvent<{ person: string; hearingDate: string }>('court-date-set'))!;
    const { person, hearingDate } = event.data;
    const branch = branches.get(person);
    let reason = branch ? (sop.personEnded(person) ? 'branch-ended' : undefined) : 'unknown-person';
    if (branch && !reason) {
      try {
        await branch.handle.signal(courtDateForwardSignal, { hearingDate, sequence: event.sequence });
      } catch {
        // The branch ended between the check and the signal.
        reason = 'branch-ended';
      }
    }
    const detail = { sequence: event.sequence, ...(branch ? { person } : {}) };
    if (reason) await sop.note('court-date-unrouted', { step: 'court-escort', detail: { ...detail, reason } });
    else await sop.note('court-date-forwarded', { step: 'court-escort', detail });
  }
}
