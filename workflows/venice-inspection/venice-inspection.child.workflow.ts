import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { VENICE_INSPECTION_SOP } from './venice-inspection.sop';

/**
 * One child found during the inspection (`input.subject`, e.g. `C1`), L4413-L4416: the municipal team assesses the
 * child; with the family present, the territorial social services assess the family conditions; without it, the
 * child goes to a safe shelter for children.
 */
export async function veniceChildWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(VENICE_INSPECTION_SOP, input);
  return sop.run(async () => {
    // Not `decide`: whether a child's family is present is protection data, kept off the shared timeline.
    const { form } = await sop.humanTask<{ familyPresent: boolean }>('child-assessment');
    if (form.familyPresent) {
      await sop.humanTask('family-conditions-assessment');
      return 'child-family-assessed';
    }
    await sop.humanTask('child-shelter-placement');
    return 'child-placed-in-shelter';
  });
}
