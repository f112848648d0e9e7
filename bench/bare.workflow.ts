import { condition, defineUpdate, proxySinks, setHandler, type Sinks } from '@temporalio/workflow';

/**
 * The bare-Temporal baseline: a workflow whose update handler advances a step counter. No Nest, no projection,
 * no validation beyond a counter: what Temporal itself costs for a step hand-off on the same server.
 */
export const advanceUpdate = defineUpdate<number, [number]>('advance');

/** Tells the bench a workflow ran its first workflow task: no history event, so nothing added to what is measured. */
export interface BareSinks extends Sinks {
  bench: { firstTask(): void };
}
const { bench } = proxySinks<BareSinks>();

export async function bareStepsWorkflow(steps: number): Promise<number> {
  bench.firstTask();
  let step = 0;
  setHandler(advanceUpdate, (expected) => {
    step = Math.max(step, expected);
    return step;
  });
  await condition(() => step >= steps);
  return step;
}
