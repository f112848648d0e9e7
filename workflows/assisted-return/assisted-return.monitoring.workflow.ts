import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { durationToMs, type CaseResult, type CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { ASSISTED_RETURN_SOP } from './assisted-return.sop';

/** The small state a monitoring run hands to the next one (continue-as-new keeps the history bounded). */
export interface MonitoringState {
  /** Reports completed so far; report 0 is the initial report on arrival (P12 "initial/interims/final", L5209). */
  reportsDone: number;
  /** Monthly reports after the initial one: the plan's horizon, at most 36 (up to 3 years, L5257). */
  horizonMonths: number;
  /** When monitoring began (arrival confirmed); report k is due k months later. */
  startedAt: string;
}

export interface MonitoringInput extends CaseStartInput {
  monitoring: MonitoringState;
}

/** "Monthly follow-up with beneficiaries/their families" (L5198); 30 days stand for a month (inferred). */
export const REPORT_INTERVAL_MS = durationToMs('P30D');
/** Three years of monthly reports would be a long history; a new run every six reports keeps each one small. */
export const REPORTS_PER_RUN = 6;

/**
 * Phases G-H: the origin NGO sends a follow-up report to the destination NGO every month (L6233) until the horizon
 * of the reintegration plan, or earlier when a report recommends closing; then the final case evaluation (L7110).
 * Runs as a child of the case (person P1), so its tasks belong to the same case and carry the person's code.
 */
export async function assistedReturnMonitoringWorkflow(input: MonitoringInput): Promise<CaseResult> {
  const sop = new SopRuntime(ASSISTED_RETURN_SOP, input);
  return sop.run(async () => {
    const state: MonitoringState = { ...input.monitoring };
    let reportsThisRun = 0;
    while (state.reportsDone <= state.horizonMonths) {
      // Due dates derive from the start, so the cadence does not drift by however long each report took.
      const wait = Date.parse(state.startedAt) + state.reportsDone * REPORT_INTERVAL_MS - Date.now();
      if (wait > 0) await sop.sleep(wait);
      const report = await sop.humanTask<{ recommendClosure: boolean }>('follow-up-report');
      state.reportsDone += 1;
      reportsThisRun += 1;
      if (report.form.recommendClosure) break;
      const more = state.reportsDone <= state.horizonMonths;
      if (more && (reportsThisRun >= REPORTS_PER_RUN || workflowInfo().continueAsNewSuggested)) {
        await sop.note('monitoring-continued', {
          step: 'follow-up-report',
          detail: { reportsDone: state.reportsDone },
        });
        // No task is open here; wait for the last completion's handler to finish writing before handing over.
        await condition(allHandlersFinished);
        await continueAsNew<typeof assistedReturnMonitoringWorkflow>({ ...input, monitoring: state });
      }
    }
    await sop.humanTask('close-monitoring');
    return 'closed-after-monitoring';
  });
}
