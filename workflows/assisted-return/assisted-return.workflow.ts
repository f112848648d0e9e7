import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { ASSISTED_RETURN_SOP } from './assisted-return.sop';

export async function assistedReturnWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(ASSISTED_RETURN_SOP, input);
  return sop.run(async () => 'not-implemented');
}
