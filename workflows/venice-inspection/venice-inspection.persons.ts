/** What the interview step records (INTERVIEWS_FORM); only the fields the workflow branches on. */
export interface InterviewRecord {
  workersInterviewed: number;
  vulnerableWorkerCodes?: string[];
  childrenFound: boolean;
  childCodes?: string[];
}

export interface PersonsFound {
  vulnerable: string[];
  children: string[];
  notVulnerable: number;
}

export type InterviewProblem =
  | 'worker-code-format'
  | 'child-code-format'
  | 'duplicate-code'
  | 'more-vulnerable-than-interviewed'
  | 'children-flag-mismatch';

// Codes become child workflow ids and appear in every inbox of the case, so a name typed here must never pass.
const WORKER_CODE = /^W[1-9][0-9]{0,2}$/;
const CHILD_CODE = /^C[1-9][0-9]{0,2}$/;

/**
 * Checks an interview record before anyone acts on it. The form contract cannot express a pattern for list items,
 * so the workflow checks and sends the record back (returns the problems; values are never echoed).
 */
export function interviewProblems(record: InterviewRecord): InterviewProblem[] {
  const workers = record.vulnerableWorkerCodes ?? [];
  const children = record.childCodes ?? [];
  const problems: InterviewProblem[] = [];
  if (workers.some((c) => !WORKER_CODE.test(c))) problems.push('worker-code-format');
  if (children.some((c) => !CHILD_CODE.test(c))) problems.push('child-code-format');
  if (new Set([...workers, ...children]).size !== workers.length + children.length) problems.push('duplicate-code');
  if (workers.length > record.workersInterviewed) problems.push('more-vulnerable-than-interviewed');
  if (record.childrenFound !== children.length > 0) problems.push('children-flag-mismatch');
  return problems;
}

export function personsFound(record: InterviewRecord): PersonsFound {
  const vulnerable = record.vulnerableWorkerCodes ?? [];
  return {
    vulnerable,
    children: record.childCodes ?? [],
    notVulnerable: record.workersInterviewed - vulnerable.length,
  };
}

/** The case's end state from its workers' end states: the strongest protection outcome reached (L4409-L4413). */
export function caseEndState(workerEndStates: readonly string[]): string {
  const order = [
    'closed-referred-to-social-protection',
    'closed-referral-declined',
    'closed-counselled-not-identified',
  ];
  const reached = order.find((s) => workerEndStates.includes(s));
  if (reached) return reached;
  // Every worker's branch ended by an event about them (ran away, contact lost): no outcome reached for anyone.
  return workerEndStates.length > 0 ? 'closed-contact-lost' : 'closed-no-vulnerable-workers';
}
