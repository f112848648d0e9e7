import { condition, defineQuery, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The bare-Temporal baseline: a workflow whose update handler advances a step counter. No Nest, no projection,
 * no validation beyond a counter: what Temporal itself costs for a step hand-off on the same server.
 */
export const advanceUpdate = defineUpdate<number, [number]>('advance');
export const stepQuery = defineQuery<number>('step');

export async function bareStepsWorkflow(steps: number): Promise<number> {
  let step = 0;
  setHandler(advanceUpdate, (expected) => {
    step = Math.max(step, expected);
    return step;
  });
  setHandler(stepQuery, () => step);
  await condition(() => step >= steps);
  return step;
}
