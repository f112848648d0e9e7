import { CancellationScope, patched, startChild, workflowInfo } from '@temporalio/workflow';
import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { assistedReturnMonitoringWorkflow } from './assisted-return.monitoring.workflow';
import { ASSISTED_RETURN_SOP } from './assisted-return.sop';
import {
  consentGate,
  prepareReturn,
  referToOrigin,
  returnAgencyDecision,
  travelAndArrival,
  travelDocuments,
  type AssistedReturnIntake,
  type ReintegrationPlan,
} from './assisted-return.tracks';

/** The step `approve-child-stay` was added while cases ran (docs/sop-versioning.md). */
export const CHILD_STAY_APPROVAL_PATCH = 'child-stay-approval';

/** The case concerns one person; partners refer to them by this code, never by name (seed L7666-L7667). */
export const PERSON_CODE = 'P1';

/**
 * Assisted voluntary return (catalogue §1.3). Phases A-B run in order: options, consent, referral. Then the origin
 * checks, the child branch, the documents, the return agency and the pre-departure assistance run side by side, and
 * the booking waits for all of them (L3752-L3754). After the safe arrival the monitoring child workflow runs the
 * monthly reports. Abort events (withdrew, absconded, third country or return agency refused) end the case at any time.
 */
export async function assistedReturnWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(ASSISTED_RETURN_SOP, input);
  const intake = input.intake as unknown as AssistedReturnIntake;
  return sop.run(async () => {
    // Until the person has left, an event may send the case back to the options (a new round: rounds.ts).
    const reached = await sop.inRounds(() => untilArrival(sop, intake));
    if (typeof reached === 'string') return reached;
    return monitor(sop, input, reached);
  });
}

/** Phases A-F: an end state, or the reintegration plan the monitoring follows once the person arrived. */
async function untilArrival(sop: SopRuntime, intake: AssistedReturnIntake): Promise<string | ReintegrationPlan> {
  let options = await sop.decide<string>('assess-return-options', 'option');
  // A child's stay waits for the authority responsible for the child, as a return does (L7216-L7217); cases begun
  // before the step existed replay without it.
  while (options.value === 'stay-in-destination' && intake.isMinor && patched(CHILD_STAY_APPROVAL_PATCH)) {
    const approval = await sop.decide<'approve-stay' | 'reconsider-options'>('approve-child-stay', 'decision');
    if (approval.value === 'approve-stay') break;
    options = await sop.decide<string>('assess-return-options', 'option');
  }
  if (options.value === 'stay-in-destination') return 'stayed-in-destination';
  if (!(await consentGate(sop, intake))) return 'consent-refused';
  await referToOrigin(sop, intake);
  // A track that reaches an end state (`sop.end`: the return advised against, refused…) ends the case; the others
  // are abandoned with it.
  const [prepared, , route] = await Promise.all([
    prepareReturn(sop, intake),
    travelDocuments(sop),
    returnAgencyDecision(sop),
    sop.humanTask('prepare-person-for-return'),
  ]);
  await travelAndArrival(sop, route, intake);
  return prepared;
}

/**
 * Starts the monitoring child (person P1) with the plan's horizon and waits for it. The wait goes through the
 * runtime so that a cancellation or an ending event interrupts it; the child is then cancelled explicitly, since
 * a parent close policy is applied by the server asynchronously (and not at all by the time-skipping test server).
 */
async function monitor(sop: SopRuntime, input: CaseStartInput, plan: ReintegrationPlan): Promise<string> {
  // 1-36 months: the plan's form enforces the range (up to 3 years, L5257).
  const horizonMonths = plan.monitoringMonths;
  const scope = new CancellationScope();
  const child = await scope.run(() =>
    startChild(assistedReturnMonitoringWorkflow, {
      workflowId: `${workflowInfo().workflowId}:${PERSON_CODE}`,
      parentClosePolicy: 'TERMINATE',
      args: [
        {
          ...input,
          subject: PERSON_CODE,
          monitoring: { reportsDone: 0, horizonMonths, startedAt: new Date().toISOString() },
        },
      ],
    }),
  );
  await sop.note('monitoring-started', { detail: { subject: PERSON_CODE, horizonMonths } });
  let outcome: { result: CaseResult } | { error: unknown } | undefined;
  child.result().then(
    (result) => (outcome = { result }),
    (error: unknown) => (outcome = { error }),
  );
  try {
    await sop.waitFor(() => outcome !== undefined);
  } catch (err) {
    scope.cancel(); // the case ended (withdrawn, absconded, cancelled): its monitoring ends with it
    throw err;
  }
  if ('error' in outcome!) throw outcome.error;
  return outcome!.result.endState;
}
