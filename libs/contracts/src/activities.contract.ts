import type { ConsentForm, ConsentGiver, ConsentPurpose, StepConsent } from './consent.contract';
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
  /** The intake records a child or presumed child (see `intakeRecordsMinor`). */
  personIsMinor?: boolean;
  /** The intake values by compartment, written with the case row. */
  records?: CompartmentRecords;
  /** The jurisdiction overlay the case started under (name and digest; absent: the declaration as is). */
  overlay?: { name: string; digest: string };
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
  /** The round of the case, from round 2 on (EventSpec.reopens). */
  round?: number;
  /** The earliest deadline from the case's data guarding the step (SopDefinition.dataDeadlines). */
  deadline?: { id: string; at: string };
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

/** A task released or handed to a colleague (AssignTaskInput), as the read model records it. */
export interface TaskAssignedRecordInput {
  taskId: string;
  caseId: string;
  sop: string;
  step: string;
  actor: Actor;
  from: string | null;
  to: string | null;
  at: string;
  /** The roles the task needs: a colleague it is handed to hears of it through them. */
  roles: readonly string[];
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
  /**
   * For an escalation: its step up the SOP's escalation chain (0: the breach itself, to the task's agency's
   * supervisors; each repeat one level up, the last level repeating). From level 1 the notice may go to another
   * agency (`notifyAgencyId`, e.g. the lead's coordinators); the escalation stays the task agency's.
   */
  level?: number;
  notifyAgencyId?: string;
  /** For a deadline from the case's data (SopDefinition.dataDeadlines): its id; `dueAt` is then the deadline. */
  dataDeadline?: string;
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

export interface FindConsentInput {
  caseId: string;
  purpose: ConsentPurpose;
  sharedWithAgency?: string;
  /** The kind of the slot the agency fills: a consent naming that kind of agency covers it too. */
  sharedWithKind?: string;
  scope: readonly string[];
  /** A person's branch asks for that person's consent: one given for another person does not count. */
  subject?: string;
}

/** A step held back until consent: a timeline entry and a notification to the agency that records consent. */
export interface ConsentWaitInput {
  caseId: string;
  sop: string;
  /** Unique per gate and occurrence (idempotent under retries). */
  key: string;
  step: string;
  subject?: string;
  purpose: ConsentPurpose;
  sharedWithAgency?: string;
  scope: readonly string[];
  /** Who is told: the agency acting in the held step (its inbox stays empty) and the agency that opened the case. */
  notify: readonly { agencyId: string; roles: readonly string[] }[];
  at: string;
}

/** Consent records written from a step's form (the person's decision recorded in the SOP itself). */
export interface RecordStepConsentsInput {
  caseId: string;
  /** The task whose completion recorded the decision: with `index` it makes each record's id stable under retries. */
  taskId: string;
  actor: Actor;
  form: ConsentForm;
  givenBy: ConsentGiver;
  consents: readonly StepConsent[];
}

/**
 * A participant change in the read model, in one transaction: the case row's participants (access follows them at
 * once), the slot's open tasks moved to the new agency, a timeline entry, notices to both agencies, an audit entry.
 * `moveOnly`: a person branch moving tasks it opened just before it heard of the change (tasks only).
 */
export interface ParticipantChangedInput {
  caseId: string;
  sop: string;
  /** Roles of the two agencies told of the change: those acting in the slot's steps and its supervisors. */
  notifyRoles: readonly string[];
  /** Idempotency key of the change (workflow, run and sequence). */
  key: string;
  slot: string;
  from: string;
  to: string;
  /** The steps the slot acts in: their open tasks held by `from` move to `to`. */
  steps: readonly string[];
  /** Every slot's agency after the change. */
  participants: Record<string, string>;
  actor: Actor;
  reason: string;
  at: string;
  moveOnly?: boolean;
  /** The agency left the slot by withdrawing (the lead agency holds it); false or absent for a replacement. */
  withdrawn?: boolean;
}

/**
 * A deadline from the case's data computed or recomputed (its source field changed): a timeline entry, and the
 * guarded open tasks of the workflow show their (new) earliest deadline; escalations of the old date are resolved.
 */
export interface DataDeadlineRecordInput {
  caseId: string;
  sop: string;
  /** Idempotency key (workflow, run and sequence). */
  key: string;
  deadline: { id: string; label: string; at: string | null };
  previousAt: string | null;
  /** The steps it guards; null: every step of the case. */
  steps: string[] | null;
  /** The open guarded tasks with the earliest deadline each now shows. */
  tasks: { taskId: string; deadline: { id: string; at: string } | null }[];
  at: string;
  subject?: string;
}

export type Demographics = NonNullable<RecordCaseOpenedInput['demographics']>;

/** The intake fields the anonymised statistics count, where an SOP's intake records them. */
export function pickDemographics(intake: Record<string, unknown>): Demographics {
  const pick = (k: string) => (typeof intake[k] === 'string' ? (intake[k] as string) : undefined);
  return { ageBand: pick('ageBand'), gender: pick('gender'), nationality: pick('nationality') };
}

/** Age bands under 18 in the SOPs' intakes. */
const MINOR_AGE_BANDS = ['0-13', '14-17'];

/** A child or presumed child, by the intake's `isMinor` flag or its age band (a presumed child counts, L7216–L7217). */
export function intakeRecordsMinor(intake: Record<string, unknown>): boolean {
  return intake.isMinor === true || (typeof intake.ageBand === 'string' && MINOR_AGE_BANDS.includes(intake.ageBand));
}

/** Activities are implemented by Nest providers in apps/worker and proxied in workflows by this interface. */
/**
 * A hand-off's writes in one transaction (and a case's opening with its first task): the completions a write carries (written first, in order), then the write
 * that carried them: the next task, a timeline note (a decision) or the case's close. Each part is keyed as when
 * written alone, so a retry, or the same fact written alone before, changes nothing.
 */
export interface HandOffWritesInput {
  /** The case's opening, when the case's first write carries it (its row first: the task rows need it). */
  opened?: RecordCaseOpenedInput;
  completed: CompleteTaskRecordInput[];
  then: { openTask: OpenTaskInput } | { recordTimeline: TimelineNoteInput } | { closeCase: CloseCaseInput };
}

export interface CaseActivities {
  recordCaseOpened(input: RecordCaseOpenedInput): Promise<void>;
  openTask(input: OpenTaskInput): Promise<void>;
  recordTaskCompleted(input: CompleteTaskRecordInput): Promise<void>;
  recordTaskClaimed(input: ClaimTaskRecordInput): Promise<void>;
  recordTaskAssigned(input: TaskAssignedRecordInput): Promise<void>;
  recordTimeline(input: TimelineNoteInput): Promise<void>;
  /** Task completions and the write that follows them, in one transaction (HandOffWritesInput). */
  recordHandOff(input: HandOffWritesInput): Promise<void>;
  /** Part-way to the deadline: a notification to the task's agency and roles. */
  recordReminder(input: DeadlineEventInput): Promise<void>;
  /** At the breach: an escalation record on the case and a notification to the agency's supervisors. */
  recordEscalation(input: DeadlineEventInput): Promise<void>;
  recordDeadlineExtended(input: DeadlineExtendedInput): Promise<void>;
  closeCase(input: CloseCaseInput): Promise<void>;
  /** The id of an active consent matching the requirement, or null. */
  findConsent(input: FindConsentInput): Promise<{ consentId: string } | null>;
  recordConsentWait(input: ConsentWaitInput): Promise<void>;
  recordStepConsents(input: RecordStepConsentsInput): Promise<void>;
  /** A participant change (see ParticipantChangedInput); returns how many open tasks moved. */
  recordParticipantChanged(input: ParticipantChangedInput): Promise<{ movedTasks: number }>;
  /** A deadline from the case's data computed or recomputed (see DataDeadlineRecordInput). */
  recordDataDeadline(input: DataDeadlineRecordInput): Promise<void>;
}
