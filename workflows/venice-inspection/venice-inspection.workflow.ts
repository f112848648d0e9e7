import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { VENICE_INSPECTION_SOP } from './venice-inspection.sop';

export async function veniceInspectionWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(VENICE_INSPECTION_SOP, input);
  return sop.run(async () => 'not-implemented');
}
