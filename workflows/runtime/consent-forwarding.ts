import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import { consentsChangedSignal } from '@waymark/contracts';

/**
 * A consent gate in a person branch (a follow-on case waiting for the person's consent) hears of consent changes
 * from the case's workflow, which the API nudges: the nudge is passed on to every branch started. Histories from
 * before replay without it (their branches looked again hourly).
 */
export const CONSENT_FORWARD_PATCH = 'consent-nudge-to-branches';

export function forwardConsentNudge(branchIds: readonly string[]): void {
  if (branchIds.length === 0 || !patched(CONSENT_FORWARD_PATCH)) return;
  // A branch that has ended cannot take the signal: nothing waits there any more.
  for (const id of branchIds)
    void getExternalWorkflowHandle(id)
      .signal(consentsChangedSignal)
      .catch(() => undefined);
}
