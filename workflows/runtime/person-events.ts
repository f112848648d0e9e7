import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { personEventSignal, type EventSpec, type PersonEventMessage } from '@waymark/contracts';

/** A person branch as the case that started it knows it: its workflow and, once it ended, its end state. */
export interface PersonEntry {
  workflowId: string;
  endState?: string;
}

/**
 * Why an event about a person does not fit the case now (409), or undefined when it does. The code is never
 * echoed: it is a code, but the reason must not become a way to probe which codes a case holds for another agency.
 */
export function personEventProblem(
  spec: EventSpec,
  data: Readonly<Record<string, unknown>>,
  persons: ReadonlyMap<string, PersonEntry>,
): string | undefined {
  if (!spec.person) return undefined;
  const code = data[spec.person.field];
  const entry = typeof code === 'string' ? persons.get(code) : undefined;
  if (!entry) return `No person of this case has the code given in data.${spec.person.field}.`;
  if (entry.endState !== undefined)
    return `The branch of the person given in data.${spec.person.field} has already ended (${entry.endState}).`;
  return undefined;
}

/** The person's code of an event that concerns one person. */
export function personOf(spec: EventSpec, data: Readonly<Record<string, unknown>>): string | undefined {
  const code = spec.person ? data[spec.person.field] : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Passes the event to the person's branch. False when the branch ended between the check and the signal: the event
 * stays on the case's timeline, marked unrouted.
 */
export async function forwardPersonEvent(entry: PersonEntry, event: PersonEventMessage): Promise<boolean> {
  try {
    await getExternalWorkflowHandle(entry.workflowId).signal(personEventSignal, event);
    return true;
  } catch {
    return false;
  }
}
