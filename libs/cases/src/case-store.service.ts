import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '@waymark/audit';
import { CasePayloadCodec } from '@waymark/codec';
import { NotificationStore } from '@waymark/notifications';
import type {
  CompartmentId,
  ClaimTaskRecordInput,
  TaskAssignedRecordInput,
  DeadlineEventInput,
  DeadlineExtendedInput,
  CloseCaseInput,
  TimelineNoteInput,
  CompleteTaskRecordInput,
  ConsentWaitInput,
  FindConsentInput,
  RecordStepConsentsInput,
  OpenTaskInput,
  RecordCaseOpenedInput,
  HandOffWritesInput,
  ParticipantChangedInput,
  DataDeadlineRecordInput,
} from '@waymark/contracts';
import { DataSource } from 'typeorm';
import { ConsentWrites } from './consent-writes';
import { CaseWriteContext } from './case-write-context';
import { DeadlineWrites } from './deadline-writes';
import { ParticipantWrites } from './participant-writes';
import { AssignmentWrites } from './assignment-writes';
import { DataDeadlineWrites } from './data-deadline-writes';
import { LinkWrites } from './link-writes';
import { HandOffWrites } from './hand-off-writes';

export interface CaseNoteInput {
  caseId: string;
  noteId: string;
  compartment: CompartmentId;
  text: string;
  subject?: string;
  agencyId: string;
  actorSub: string;
  recordedAt: string;
}

/**
 * Writes the read model. Every method is idempotent (keys derive from the case, task and step), because
 * activities are retried and a case row may be written by both the API and the workflow.
 */
@Injectable()
export class CaseStore extends CaseWriteContext {
  private readonly deadlines = new DeadlineWrites(this);
  private readonly consentWrites = new ConsentWrites(this);
  private readonly participantWrites = new ParticipantWrites(this);
  private readonly assignmentWrites = new AssignmentWrites(this);
  private readonly dataDeadlineWrites = new DataDeadlineWrites(this);
  private readonly handOffWrites = new HandOffWrites(this);
  /** Links between cases: follow-on cases and links set by hand (see LinkWrites). */
  readonly links = new LinkWrites(this);

  constructor(
    @InjectDataSource() ds: DataSource,
    notifications: NotificationStore,
    audit: AuditLog,
    codec: CasePayloadCodec,
  ) {
    super(ds, notifications, audit, codec.keyring);
  }

  /** A deadline from the case's data computed or recomputed (see DataDeadlineWrites). */
  recordDataDeadline(input: DataDeadlineRecordInput): Promise<void> {
    return this.dataDeadlineWrites.record(input);
  }

  /** Another agency in a slot of a running case (see ParticipantWrites). */
  recordParticipantChanged(input: ParticipantChangedInput): Promise<{ movedTasks: number }> {
    return this.participantWrites.recordParticipantChanged(input);
  }

  /** Part-way to a deadline: the task's agency and roles are reminded. */
  recordReminder(input: DeadlineEventInput): Promise<void> {
    return this.deadlines.recordReminder(input);
  }

  /** At the breach: an escalation on the case and a notification to the responsible agency's supervisors. */
  recordEscalation(input: DeadlineEventInput): Promise<void> {
    return this.deadlines.recordEscalation(input);
  }

  recordDeadlineExtended(input: DeadlineExtendedInput): Promise<void> {
    return this.deadlines.recordDeadlineExtended(input);
  }

  /** An active consent of this purpose (naming the agency, for sharing) that covers every scope asked for. */
  findConsent(input: FindConsentInput): Promise<{ consentId: string } | null> {
    return this.consentWrites.findConsent(input);
  }

  /** A step held back until consent: the case's timeline says so and the acting agency is told (ids only). */
  recordConsentWait(input: ConsentWaitInput): Promise<void> {
    return this.consentWrites.recordConsentWait(input);
  }

  /** Consent records from a step's form; ids derive from the task so a retried activity writes nothing twice. */
  recordStepConsents(input: RecordStepConsentsInput): Promise<void> {
    return this.consentWrites.recordStepConsents(input);
  }

  async recordCaseOpened(input: RecordCaseOpenedInput): Promise<void> {
    // The API records the opening as it starts the workflow, and the workflow's own record (the one that counts
    // after a crash) then finds it written: one indexed read instead of a transaction of idempotent writes. The
    // opening's timeline entry is written in the same transaction as the case row, its records and its audit entry.
    if (await this.timeline.has(this.ds.manager, `${input.caseId}:opened`)) return;
    await this.records.prepareKey(input.caseId, input.records);
    await this.ds.transaction((em) => this.handOffWrites.openedIn(em, input));
  }

  /** The writes of a hand-off, alone or together (see HandOffWrites). */
  openTask(input: OpenTaskInput): Promise<void> {
    return this.ds.transaction((em) => this.handOffWrites.openTaskIn(em, input));
  }

  async recordTaskCompleted(input: CompleteTaskRecordInput): Promise<void> {
    await this.records.prepareKey(input.caseId, input.records);
    await this.ds.transaction((em) => this.handOffWrites.completedIn(em, input));
  }

  async recordTimeline(input: TimelineNoteInput): Promise<void> {
    await this.records.prepareKey(input.caseId, input.records);
    await this.ds.transaction((em) => this.handOffWrites.timelineIn(em, input));
  }

  closeCase(input: CloseCaseInput): Promise<void> {
    return this.ds.transaction((em) => this.handOffWrites.closeIn(em, input));
  }

  /** Task completions and the write that follows them, in one transaction. */
  recordHandOff(input: HandOffWritesInput): Promise<void> {
    return this.handOffWrites.handOff(input);
  }

  /** A task claimed by someone of its agency (see AssignmentWrites). */
  recordTaskClaimed(input: ClaimTaskRecordInput): Promise<void> {
    return this.assignmentWrites.recordTaskClaimed(input);
  }

  /** A task released or handed to a colleague (see AssignmentWrites). */
  recordTaskAssigned(input: TaskAssignedRecordInput): Promise<void> {
    return this.assignmentWrites.recordTaskAssigned(input);
  }

  /**
   * A case note (`POST /cases/:id/notes`): free text in one compartment, written with its audit entry. The policy
   * check is the caller's; the audit entry names the compartment, never the text.
   */
  async recordNote(input: CaseNoteInput): Promise<boolean> {
    await this.records.prepareKey(input.caseId, { [input.compartment]: { text: input.text } });
    return this.ds.transaction(async (em) => {
      if (!(await this.notErased(em, input.caseId, 'share'))) return false;
      const fresh = await this.writeRecords(
        em,
        { [input.compartment]: { text: input.text } },
        {
          caseId: input.caseId,
          keyPrefix: `note:${input.noteId}`,
          source: 'note',
          subject: input.subject,
          agencyId: input.agencyId,
          actorSub: input.actorSub,
          recordedAt: input.recordedAt,
        },
      );
      if (fresh) {
        await this.auditWrite(em, 'note-recorded', input.caseId, input.agencyId, input.actorSub, {
          noteId: input.noteId,
          compartment: input.compartment,
        });
      }
      return true;
    });
  }
}
