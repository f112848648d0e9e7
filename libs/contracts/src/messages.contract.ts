import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FieldError } from './forms.contract';

export const TASK_QUEUE = 'waymark-sop';

/** Who is acting, as established by the API from the bearer token. Never personal data: ids and roles only. */
export interface Actor {
  sub: string;
  agencyId: string;
  roles: readonly string[];
}

export type CaseStatus = 'open' | 'completed' | 'cancelled';
export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface CaseStartInput {
  caseId: string;
  sop: string;
  sopVersion: number;
  /** Participant slot → agency id. */
  participants: Record<string, string>;
  openedBy: Actor;
  intake: Record<string, unknown>;
}

export interface CaseResult {
  caseId: string;
  status: CaseStatus;
  endState: string;
}

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  form: Record<string, unknown>;
}

export interface CompleteTaskResult {
  taskId: string;
  step: string;
  completedAt: string;
}

export interface CancelCaseInput {
  actor: Actor;
  reason: string;
}

export interface TaskView {
  taskId: string;
  step: string;
  agencyId: string;
  roles: readonly string[];
  status: TaskStatus;
}

export interface CaseStateView {
  caseId: string;
  sop: string;
  status: CaseStatus;
  endState?: string;
  tasks: TaskView[];
}

/** Business failure types raised by workflows; the API maps each to an HTTP status. */
export const FAILURE_TYPES = {
  TASK_NOT_FOUND: 'TaskNotFound',
  TASK_CLOSED: 'TaskClosed',
  WRONG_AGENCY: 'WrongAgency',
  WRONG_ROLE: 'WrongRole',
  INVALID_FORM: 'InvalidForm',
  CASE_CLOSED: 'CaseClosed',
} as const;
export type FailureType = (typeof FAILURE_TYPES)[keyof typeof FAILURE_TYPES];

export interface InvalidFormDetails {
  fields: FieldError[];
}

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const cancelCaseUpdate = defineUpdate<CaseStateView, [CancelCaseInput]>('cancelCase');
export const caseStateQuery = defineQuery<CaseStateView>('caseState');

export function workflowIdForCase(caseId: string): string {
  return `case-${caseId}`;
}
