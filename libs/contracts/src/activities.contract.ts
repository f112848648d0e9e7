import type { Actor, CaseStatus } from './messages.contract';

export interface RecordCaseOpenedInput {
  caseId: string;
  sop: string;
  sopVersion: number;
  workflowId: string;
  participants: Record<string, string>;
  openedBy: Actor;
  openedAt: string;
  /** From the intake where it records them (fields `ageBand`, `gender`, `nationality`): for anonymised counts only. */
  demographics?: { ageBand?: string; gender?: string; nationality?: string };
}

export interface OpenTaskInput {
  taskId: string;
  caseId: string;
  /** The workflow that owns the task (the case's, or a per-person child's): completions are sent there. */
  workflowId: string;
  subject?: string;
  phase?: string;
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

export interface ClaimTaskRecordInput {
  taskId: string;
  caseId: string;
  step: string;
  actor: Actor;
  claimedAt: string;
}

/** A timeline entry the SOP writes: decisions, warnings, reported events. Ids and codes only, never personal data. */
export interface TimelineNoteInput {
  caseId: string;
  /** Unique per case and occurrence; makes the write idempotent under retries. */
  key: string;
  kind: string;
  at: string;
  step?: string;
  agencyId?: string;
  actorSub?: string;
  detail?: Record<string, unknown>;
}

export interface CloseCaseInput {
  caseId: string;
  status: Exclude<CaseStatus, 'open'>;
  endState: string;
  closedAt: string;
  actor?: Actor;
  reason?: string;
}

export type Demographics = NonNullable<RecordCaseOpenedInput['demographics']>;

/** The intake fields the anonymised statistics count, where an SOP's intake records them. */
export function pickDemographics(intake: Record<string, unknown>): Demographics {
  const pick = (k: string) => (typeof intake[k] === 'string' ? (intake[k] as string) : undefined);
  return { ageBand: pick('ageBand'), gender: pick('gender'), nationality: pick('nationality') };
}

/** Activities are implemented by Nest providers in apps/worker and proxied in workflows by this interface. */
export interface CaseActivities {
  recordCaseOpened(input: RecordCaseOpenedInput): Promise<void>;
  openTask(input: OpenTaskInput): Promise<void>;
  recordTaskCompleted(input: CompleteTaskRecordInput): Promise<void>;
  recordTaskClaimed(input: ClaimTaskRecordInput): Promise<void>;
  recordTimeline(input: TimelineNoteInput): Promise<void>;
  closeCase(input: CloseCaseInput): Promise<void>;
}
