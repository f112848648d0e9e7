import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { DEMO_HANDOFF_SOP } from './demo-handoff.sop';

/** Two agencies, two steps: the spine every real SOP stands on (see DEMO_HANDOFF_SOP). */
export async function demoHandoffWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(DEMO_HANDOFF_SOP, input);
  return sop.run(async () => {
    await sop.humanTask<{ ready: boolean; note?: string }>('review-intake');
    const { form } = await sop.humanTask<{ outcome: 'resolved' | 'referred-on' }>('record-outcome');
    return form.outcome;
  });
}
