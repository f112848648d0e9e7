import type { CaseResult, CaseStartInput } from '@waymark/contracts';
import { SopRuntime } from '../runtime/sop-runtime';
import { followOperation } from './joint-operation.follow';
import { personCodes } from './joint-operation.messages';
import { JOINT_OPERATION_SOP } from './joint-operation.sop';

/**
 * The Police–NGO joint operation (seed P15): request, joint planning, deployment, then one branch per person
 * identified and quarterly reviews until the operation closes. Plan, deploy, check and adjust (L5585).
 */
export async function jointOperationWorkflow(input: CaseStartInput): Promise<CaseResult> {
  const sop = new SopRuntime(JOINT_OPERATION_SOP, input);
  return sop.run(async () => {
    // The police asked the NGO to act together (L5572-L5573); whether the NGO may decline is inferred.
    const { value } = await sop.decide<'accepted' | 'declined'>('accept-request', 'decision');
    if (value === 'declined') return 'request-declined';
    for (;;) {
      // Joint planning (L5577-L5578, L2312-L2314): each agency fills its half of the checklist at the same time.
      await Promise.all([sop.humanTask('plan-operation'), sop.humanTask('plan-logistics')]);
      const { form } = await sop.humanTask<{ personsIdentified: number }>('deploy-operation');
      await sop.note('persons-identified', { step: 'deploy-operation', detail: { count: form.personsIdentified } });
      if (form.personsIdentified > 0) return followOperation(sop, personCodes(form.personsIdentified));
      // No one identified: check and adjust (L5585), then plan again or close (inferred).
      const { value: next } = await sop.decide<'redeploy' | 'close'>('check-and-adjust', 'decision');
      if (next === 'close') return 'no-person-identified';
    }
  });
}
