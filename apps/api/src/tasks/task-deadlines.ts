import type { Client } from '@temporalio/client';
import { caseStateQuery, notAfterErrors, type FieldError, type FormSpec } from '@waymark/contracts';

/** Does the form have a date field declared not after a deadline from the case's data? */
export function hasNotAfter(form: FormSpec): boolean {
  return Object.values(form.fields).some((f) => f.notAfter !== undefined);
}

/**
 * The form's `notAfter` errors against the deadlines the task's workflow computed (the same pure check its update
 * validator runs, so a refusal here and there agree). Field and reason only, never the value.
 */
export async function notAfterErrorsOf(
  client: Client,
  workflowId: string,
  form: FormSpec,
  data: Readonly<Record<string, unknown>>,
): Promise<FieldError[]> {
  const state = await client.workflow.getHandle(workflowId).query(caseStateQuery);
  return notAfterErrors(form, data, state.dataDeadlines ?? []);
}
