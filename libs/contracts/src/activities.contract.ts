import type { CompartmentId } from './compartments.contract';
import type { Actor, CaseStatus } from './messages.contract';

/** Form values split by compartment (`splitByCompartment`): each entry becomes one `case_records` row. */
export type CompartmentRecords = Partial<Record<CompartmentId, Record<string, unknown>>>;

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
  /** The intake values by compartment, written with the case row. */
  records?: CompartmentRecords;
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
  targetMs?: number;
  pausesAgencyClock?: boolean;
}

export interface CompleteTaskRecordInput {
  taskId: string;
  caseId: string;
  step: string;
  actor: Actor;
  completedAt: string;
  /** The person's code in a per-person branch. */
  subject?: string;
  /** The submitted form values by compartment, written in the same transaction as the task row. */
  records?: CompartmentRecords;
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
  /** A reported event's data by compartment (the detail keeps only the type). */
  records?: CompartmentRecords;
  subject?: string;
}

export interface DeadlineEventInput {
  taskId: string;
  caseId: string;
  sop: string;
  step: string;
  agencyId: string;
  /** The task's roles (for a reminder) or the agency's supervisor roles (for an escalation). */
  roles: readonly string[];
  dueAt: string;
  at: string;
  subject?: string;
}

export interface DeadlineExtendedInput extends DeadlineEventInput {
  previousDueAt: string;
  actor: Actor;
  reason: string;
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
  /** Part-way to the deadline: a notification to the task's agency and roles. */
  recordReminder(input: DeadlineEventInput): Promise<void>;
  /** At the breach: an escalation record on the case and a notification to the agency's supervisors. */
  recordEscalation(input: DeadlineEventInput): Promise<void>;
  recordDeadlineExtended(input: DeadlineExtendedInput): Promise<void>;
  closeCase(input: CloseCaseInput): Promise<void>;
}
