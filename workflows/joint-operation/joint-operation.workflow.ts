import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { JOINT_OPERATION_SOP } from './joint-operation.sop';

export async function jointOperationWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(JOINT_OPERATION_SOP, input);
  return sop.run(async () => 'not-implemented');
}
