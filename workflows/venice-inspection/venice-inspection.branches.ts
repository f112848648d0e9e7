import type { PersonBranch, SopRuntime } from '../runtime/sop-runtime';

/**
 * Waits for every person branch to end. The wait goes through the runtime so that a cancellation of the case
 * interrupts it (a bare `handle.result()` would not); the children are then terminated with the parent.
 */
export async function awaitBranches<R>(sop: SopRuntime, branches: readonly PersonBranch<R>[]): Promise<R[]> {
  const results: R[] = [];
  let settled = 0;
  let failure: { error: unknown } | undefined;
  branches.forEach((branch, i) => {
    branch.handle.result().then(
      (result) => {
        results[i] = result;
        settled += 1;
      },
      (error: unknown) => {
        failure ??= { error };
        settled += 1;
      },
    );
  });
  await sop.waitFor(() => failure !== undefined || settled === branches.length);
  if (failure) throw failure.error;
  return results;
}
