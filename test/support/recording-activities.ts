import type {
  CaseActivities,
  ClaimTaskRecordInput,
  CloseCaseInput,
  DataDeadlineRecordInput,
  CompleteTaskRecordInput,
  ConsentWaitInput,
  DeadlineEventInput,
  DeadlineExtendedInput,
  OpenTaskInput,
  ParticipantChangedInput,
  RecordCaseOpenedInput,
  RecordStepConsentsInput,
  TaskAssignedRecordInput,
  TimelineNoteInput,
} from '@waymark/contracts';

/** A consent as the recording activities keep it: what the gates look up (PostgreSQL in the real worker). */
export interface RecordedConsent {
  consentId: string;
  purpose: string;
  sharedWithAgency?: string;
  /** Given for one person of the case (W1, P2), else for the case's person or everyone. */
  subject?: string;
  scope: readonly string[];
  withdrawn: boolean;
}

/**
 * The hand-off write (completions with the write that follows them, one transaction in the worker) as the separate
 * writes it stands for, so a test's fakes see each fact as they would see it written alone.
 */
export function handOffAsParts(activities: Omit<CaseActivities, 'recordHandOff'>): CaseActivities['recordHandOff'] {
  return async ({ opened, completed, then }) => {
    if (opened) await activities.recordCaseOpened(opened);
    for (const c of completed) await activities.recordTaskCompleted(c);
    if ('openTask' in then) await activities.openTask(then.openTask);
    else if ('recordTimeline' in then) await activities.recordTimeline(then.recordTimeline);
    else await activities.closeCase(then.closeCase);
  };
}

/**
 * Activities for workflow tests: they record what the workflow asked for instead of writing PostgreSQL, so a test
 * can wait for a task to open and assert on the whole sequence.
 */
export function recordingActivities() {
  const rec = {
    opened: [] as RecordCaseOpenedInput[],
    tasks: [] as OpenTaskInput[],
    completed: [] as CompleteTaskRecordInput[],
    claimed: [] as ClaimTaskRecordInput[],
    assigned: [] as TaskAssignedRecordInput[],
    notes: [] as TimelineNoteInput[],
    reminders: [] as DeadlineEventInput[],
    escalations: [] as DeadlineEventInput[],
    extensions: [] as DeadlineExtendedInput[],
    closed: [] as CloseCaseInput[],
    consents: [] as RecordedConsent[],
    consentWaits: [] as ConsentWaitInput[],
    stepConsents: [] as RecordStepConsentsInput[],
    participantChanges: [] as ParticipantChangedInput[],
    dataDeadlines: [] as DataDeadlineRecordInput[],
  };
  const parts: Omit<CaseActivities, 'recordHandOff'> = {
    recordParticipantChanged: async (i) => {
      rec.participantChanges.push(i);
      return { movedTasks: 0 };
    },
    recordDataDeadline: async (i) => void rec.dataDeadlines.push(i),
    recordCaseOpened: async (i) => void rec.opened.push(i),
    openTask: async (i) => void rec.tasks.push(i),
    recordTaskCompleted: async (i) => void rec.completed.push(i),
    recordTaskClaimed: async (i) => void rec.claimed.push(i),
    recordTaskAssigned: async (i) => void rec.assigned.push(i),
    recordTimeline: async (i) => void rec.notes.push(i),
    recordReminder: async (i) => void rec.reminders.push(i),
    recordEscalation: async (i) => void rec.escalations.push(i),
    recordDeadlineExtended: async (i) => void rec.extensions.push(i),
    // The store's close is idempotent, and a local activity runs again when a loaded machine runs it past its
    // timeout or the workflow task times out and replays (then `closedAt` is the new task's time): the same close
    // twice is one close (a different one is still recorded).
    closeCase: async (i) => {
      const same = (c: CloseCaseInput) =>
        JSON.stringify({ ...c, closedAt: '' }) === JSON.stringify({ ...i, closedAt: '' });
      if (!rec.closed.some(same)) rec.closed.push(i);
    },
    findConsent: async (q) => {
      const c = rec.consents.find(
        (x) =>
          !x.withdrawn &&
          x.purpose === q.purpose &&
          (q.sharedWithAgency === undefined || x.sharedWithAgency === q.sharedWithAgency) &&
          (q.subject === undefined || x.subject === undefined || x.subject === q.subject) &&
          q.scope.every((s) => x.scope.includes(s)),
      );
      return c ? { consentId: c.consentId } : null;
    },
    recordConsentWait: async (i) => void rec.consentWaits.push(i),
    recordStepConsents: async (i) => {
      rec.stepConsents.push(i);
      i.consents.forEach((c, index) =>
        rec.consents.push({ consentId: `${i.taskId}:${index}`, ...c, withdrawn: false }),
      );
    },
  };
  const activities: CaseActivities = { ...parts, recordHandOff: handOffAsParts(parts) };
  // A new round closes the tasks the case's own workflow left open (as CaseStore does for the read model).
  const round = () =>
    Math.max(1, ...rec.notes.filter((n) => n.kind === 'round-started').map((n) => Number(n.detail?.round ?? 1)));
  const openTasks = () =>
    rec.tasks.filter(
      (t) =>
        !rec.completed.some((c) => c.taskId === t.taskId) && (t.subject !== undefined || (t.round ?? 1) === round()),
    );
  return {
    activities,
    rec,
    openTasks,
    /** Waits (polling the recorded calls, no fixed sleep) until a task for `step` is open, optionally for a person. */
    async waitForTask(step: string, subject?: string, timeoutMs = 20_000): Promise<OpenTaskInput> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const t = openTasks().find((x) => x.step === step && (subject === undefined || x.subject === subject));
        if (t) return t;
        if (Date.now() > deadline) {
          throw new Error(
            `no open ${step} task${subject ? ` for ${subject}` : ''}; open: ${openTasks()
              .map((x) => `${x.step}/${x.subject ?? '-'}`)
              .join(', ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}
