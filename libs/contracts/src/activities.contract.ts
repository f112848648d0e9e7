import type { Actor, CaseStatus } from './messages.contract';

export interface RecordCaseOpenedInput {
  caseId: string;
  sop: string;
  sopVersion: number;
  workflowId: string;
  participants: Record<string, string>;
  openedBy: Actor;
  openedAt: string;
}

export interface OpenTaskInput {
  taskId: string;
  caseId: string;
  sop: string;
  step: string;
  title: string;
  agencyId: string;
  roles: readonly string[];
  openedAt: string;
  dueAt?: string;
}

export interface CompleteTaskRecordInput {
  taskId: string;
  caseId: string;
  step: string;
  actor: Actor;
  completedAt: string;
}

export interface CloseCaseInput {
  caseId: string;
  status: Exclude<CaseStatus, 'open'>;
  endState: string;
  closedAt: string;
  actor?: Actor;
  reason?: string;
}

/** Activities are implemented by Nest providers in apps/worker and proxied in workflows by this interface. */
export interface CaseActivities {
  recordCaseOpened(input: RecordCaseOpenedInput): Promise<void>;
  openTask(input: OpenTaskInput): Promise<void>;
  recordTaskCompleted(input: CompleteTaskRecordInput): Promise<void>;
  closeCase(input: CloseCaseInput): Promise<void>;
}
