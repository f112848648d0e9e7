import { Injectable } from '@nestjs/common';
import type {
  CaseActivities,
  ClaimTaskRecordInput,
  TaskAssignedRecordInput,
  DeadlineEventInput,
  DeadlineExtendedInput,
  TimelineNoteInput,
  CloseCaseInput,
  ConsentWaitInput,
  FindConsentInput,
  RecordStepConsentsInput,
  CompleteTaskRecordInput,
  HandOffWritesInput,
  OpenTaskInput,
  RecordCaseOpenedInput,
  ParticipantChangedInput,
  DataDeadlineRecordInput,
} from '@waymark/contracts';
import { CaseStore } from '@waymark/cases';

/** Thin bindings from the workflow's activity interface to the case store; each call is idempotent. */
@Injectable()
export class CaseActivitiesService implements CaseActivities {
  constructor(private readonly store: CaseStore) {}

  recordCaseOpened(input: RecordCaseOpenedInput): Promise<void> {
    return this.store.recordCaseOpened(input);
  }

  openTask(input: OpenTaskInput): Promise<void> {
    return this.store.openTask(input);
  }

  recordTaskCompleted(input: CompleteTaskRecordInput): Promise<void> {
    return this.store.recordTaskCompleted(input);
  }

  recordHandOff(input: HandOffWritesInput): Promise<void> {
    return this.store.recordHandOff(input);
  }

  recordTaskClaimed(input: ClaimTaskRecordInput): Promise<void> {
    return this.store.recordTaskClaimed(input);
  }

  recordTaskAssigned(input: TaskAssignedRecordInput): Promise<void> {
    return this.store.recordTaskAssigned(input);
  }

  recordTimeline(input: TimelineNoteInput): Promise<void> {
    return this.store.recordTimeline(input);
  }

  recordReminder(input: DeadlineEventInput): Promise<void> {
    return this.store.recordReminder(input);
  }

  recordEscalation(input: DeadlineEventInput): Promise<void> {
    return this.store.recordEscalation(input);
  }

  recordDeadlineExtended(input: DeadlineExtendedInput): Promise<void> {
    return this.store.recordDeadlineExtended(input);
  }

  closeCase(input: CloseCaseInput): Promise<void> {
    return this.store.closeCase(input);
  }

  findConsent(input: FindConsentInput): Promise<{ consentId: string } | null> {
    return this.store.findConsent(input);
  }

  recordConsentWait(input: ConsentWaitInput): Promise<void> {
    return this.store.recordConsentWait(input);
  }

  recordStepConsents(input: RecordStepConsentsInput): Promise<void> {
    return this.store.recordStepConsents(input);
  }

  recordParticipantChanged(input: ParticipantChangedInput): Promise<{ movedTasks: number }> {
    return this.store.recordParticipantChanged(input);
  }

  recordDataDeadline(input: DataDeadlineRecordInput): Promise<void> {
    return this.store.recordDataDeadline(input);
  }

  /** The object the Temporal Worker registers: methods bound to this provider. */
  toActivities(): CaseActivities {
    return {
      recordCaseOpened: this.recordCaseOpened.bind(this),
      openTask: this.openTask.bind(this),
      recordTaskCompleted: this.recordTaskCompleted.bind(this),
      recordHandOff: this.recordHandOff.bind(this),
      recordTaskClaimed: this.recordTaskClaimed.bind(this),
      recordTaskAssigned: this.recordTaskAssigned.bind(this),
      recordTimeline: this.recordTimeline.bind(this),
      recordReminder: this.recordReminder.bind(this),
      recordEscalation: this.recordEscalation.bind(this),
      recordDeadlineExtended: this.recordDeadlineExtended.bind(this),
      closeCase: this.closeCase.bind(this),
      findConsent: this.findConsent.bind(this),
      recordConsentWait: this.recordConsentWait.bind(this),
      recordStepConsents: this.recordStepConsents.bind(this),
      recordParticipantChanged: this.recordParticipantChanged.bind(this),
      recordDataDeadline: this.recordDataDeadline.bind(this),
    };
  }
}
