import type { DataDeadlineValue } from './data-deadlines.contract';
import type { CaseOverlay } from './overlay.contract';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
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
  /** Set on a per-person child workflow: the person's code within the case (e.g. `W3`), never a name. */
  subject?: string;
  sop: string;
  sopVersion: number;
  /** Participant slot → agency id. */
  participants: Record<string, string>;
  openedBy: Actor;
  intake: Record<string, unknown>;
  /**
   * Step deadlines resolved by the API at case start from the SOP declaration and the deployment's configuration
   * (workflows never read configuration). Absent: the declaration's targets on the calendar.
   */
  timeliness?: CaseTimeliness;
  /**
   * The deployment's jurisdiction overlay for this SOP, recorded at case start (overlay.contract.ts): the workflow
   * applies it to its declaration, so the case keeps the targets, intervals and options it started under.
   */
  overlay?: CaseOverlay;
}

export interface CaseTimeliness {
  /** Step id → target in milliseconds (after per-deployment and per-agency overrides). */
  targetsMs: Record<string, number>;
  /** A reminder goes to the agency at this share of the target (0 < share < 1). */
  reminderShare: number;
  /** `working`: day-sized targets skip Saturdays and Sundays. */
  calendar: 'calendar' | 'working';
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

export interface ClaimTaskInput {
  taskId: string;
  actor: Actor;
}

export interface ClaimTaskResult {
  taskId: string;
  claimedBy: string;
  claimedAt: string;
}

/**
 * Who holds a task changes: `assignee: null` releases it (its holder or a supervisor), a colleague's `sub` hands it
 * to them (a supervisor of the task's agency; the API has checked the colleague is in that agency, with those roles).
 */
export interface AssignTaskInput {
  taskId: string;
  actor: Actor;
  assignee: { sub: string; roles: readonly string[] } | null;
}

export interface AssignTaskResult {
  taskId: string;
  claimedBy: string | null;
  at: string;
}

export interface ReportEventInput {
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export interface ReportEventResult {
  type: string;
  reportedAt: string;
  sequence: number;
}

export interface ExtendDeadlineInput {
  taskId: string;
  actor: Actor;
  /** The new due date (ISO 8601), later than the current one. */
  dueAt: string;
  reason: string;
}

export interface ExtendDeadlineResult {
  taskId: string;
  dueAt: string;
}

export interface CancelCaseInput {
  actor: Actor;
  reason: string;
}

/** Puts another agency in a participant slot while the case runs (the lead agency's coordinator). */
export interface ChangeParticipantInput {
  actor: Actor;
  slot: string;
  /** Left out when the agency in the slot withdraws (`withdraw`): the lead agency holds the slot. */
  agencyId?: string;
  withdraw?: boolean;
  reason: string;
}

export interface ChangeParticipantResult {
  slot: string;
  from: string;
  to: string;
  changedAt: string;
  /** Open tasks of the slot that moved to the new agency (in the case and its person branches). */
  movedTasks: number;
  /** The agency in the slot withdrew; `to` is the lead agency, which holds the slot meanwhile. */
  withdrawn?: boolean;
}

/** Sent by a case to its person branches after a participant change, so their open tasks move too. */
export interface ParticipantChange {
  slot: string;
  from: string;
  to: string;
}

export interface TaskView {
  taskId: string;
  step: string;
  subject?: string;
  claimedBy?: string;
  dueAt?: string;
  agencyId: string;
  roles: readonly string[];
  status: TaskStatus;
  /** The round of the case the task belongs to, from round 2 on (EventSpec.reopens). */
  round?: number;
  /** The earliest deadline from the case's data that guards the task's step (SopDefinition.dataDeadlines). */
  deadline?: { id: string; label: string; at: string };
}

export interface CaseStateView {
  caseId: string;
  sop: string;
  status: CaseStatus;
  endState?: string;
  tasks: TaskView[];
  events: { type: string; sequence: number; reportedAt: string }[];
  /** Steps held back until a consent is recorded (see StepSpec.requiresConsent). */
  waitingForConsent?: ConsentWaitView[];
  /** The deadlines computed from the case's data (SopDefinition.dataDeadlines); `at` absent while unknown. */
  dataDeadlines?: DataDeadlineValue[];
}

export interface ConsentWaitView {
  step: string;
  subject?: string;
  purpose: string;
  sharedWithAgency?: string;
  scope: readonly string[];
  since: string;
}

/** Business failure types raised by workflows; the API maps each to an HTTP status. */
export const FAILURE_TYPES = {
  TASK_NOT_FOUND: 'TaskNotFound',
  TASK_CLOSED: 'TaskClosed',
  WRONG_AGENCY: 'WrongAgency',
  WRONG_ROLE: 'WrongRole',
  INVALID_FORM: 'InvalidForm',
  CASE_CLOSED: 'CaseClosed',
  TASK_CLAIMED: 'TaskClaimed',
  NOT_SUPERVISOR: 'NotSupervisor',
  BAD_DEADLINE: 'BadDeadline',
  UNKNOWN_EVENT: 'UnknownEvent',
  WRONG_REPORTER: 'WrongReporter',
  CONSENT_REQUIRED: 'ConsentRequired',
  EVENT_NOT_APPLICABLE: 'EventNotApplicable',
  BAD_PARTICIPANT: 'BadParticipant',
  NOT_CLAIMED: 'NotClaimed',
  BAD_ASSIGNEE: 'BadAssignee',
} as const;
export type FailureType = (typeof FAILURE_TYPES)[keyof typeof FAILURE_TYPES];

export interface InvalidFormDetails {
  fields: FieldError[];
  /** Where the fields sit in the request body: a task's `form` or an event's `data`. */
  prefix: 'form' | 'data';
}

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskInput]>('completeTask');
export const claimTaskUpdate = defineUpdate<ClaimTaskResult, [ClaimTaskInput]>('claimTask');
export const assignTaskUpdate = defineUpdate<AssignTaskResult, [AssignTaskInput]>('assignTask');
export const reportEventUpdate = defineUpdate<ReportEventResult, [ReportEventInput]>('reportEvent');
export const extendDeadlineUpdate = defineUpdate<ExtendDeadlineResult, [ExtendDeadlineInput]>('extendDeadline');
export const cancelCaseUpdate = defineUpdate<CaseStateView, [CancelCaseInput]>('cancelCase');
export const caseStateQuery = defineQuery<CaseStateView>('caseState');
export const changeParticipantUpdate = defineUpdate<ChangeParticipantResult, [ChangeParticipantInput]>(
  'changeParticipant',
);
export const participantChangedSignal = defineSignal<[ParticipantChange]>('participantChanged');

/** An event about one person (EventSpec.person), passed by the case to that person's branch. */
export interface PersonEventMessage {
  type: string;
  /** The case's sequence number of the event. */
  sequence: number;
  reportedAt: string;
  data: Record<string, unknown>;
  actor: Actor;
}
export const personEventSignal = defineSignal<[PersonEventMessage]>('personEvent');
/**
 * A nudge sent by the API after a consent is recorded or withdrawn: gates waiting for consent look again. It
 * carries nothing; the consent records in PostgreSQL are the truth, and gates also look again every hour.
 */
export const consentsChangedSignal = defineSignal('consentsChanged');

export function workflowIdForCase(caseId: string): string {
  return `case-${caseId}`;
}
