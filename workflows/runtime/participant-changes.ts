import { ApplicationFailure, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  CASE_ACTION_RULES,
  FAILURE_TYPES,
  SUPERVISOR_ROLES,
  changeParticipantUpdate,
  decideCaseAction,
  findStep,
  hasForeignPayload,
  leadAgency,
  participantChangeErrors,
  participantChangedSignal,
  type ChangeParticipantInput,
  type ChangeParticipantResult,
  type ParticipantChange,
  type SopDefinition,
} from '@waymark/contracts';
import { activities, type TaskState } from './runtime-types';

/** What a participant change needs of the case's runtime. */
export interface ParticipantHost {
  readonly sop: SopDefinition;
  readonly caseId: string;
  /** The case's slot → agency map; changed in place, so every later task and consent gate follows it. */
  readonly participants: Record<string, string>;
  readonly tasks: ReadonlyMap<string, TaskState>;
  /** Workflow ids of the person branches this workflow started (they hear of a change by signal). */
  readonly branchIds: readonly string[];
  assertOpen(): void;
  refusingForeign<T>(validate: (update: T) => void): (update: T) => void;
}

/**
 * Agencies joining a running case: the lead agency's coordinator puts another agency in a changeable slot (the
 * `changeParticipant` update). From that moment the slot's open tasks, in the case and in every person branch, belong
 * to the new agency, later tasks open for it, and the agency replaced loses access (the read model's participants
 * change in the same transaction). New message types only: histories recorded before them replay unchanged.
 */
export class ParticipantChanges {
  private seq = 0;

  constructor(private readonly host: ParticipantHost) {
    setHandler(changeParticipantUpdate, (u) => this.change(u), {
      validator: host.refusingForeign<ChangeParticipantInput>((u) => this.validate(u)),
    });
    setHandler(participantChangedSignal, (change) => this.heard(change));
  }

  private validate(update: ChangeParticipantInput): void {
    this.host.assertOpen();
    const { sop, participants } = this.host;
    const decision = decideCaseAction(CASE_ACTION_RULES, sop, participants, update.actor, 'case:change-participants');
    if (!decision.allowed)
      throw ApplicationFailure.create({ type: FAILURE_TYPES.WRONG_ROLE, message: `${decision.reason}.` });
    const errors = participantChangeErrors(sop, participants, update);
    if (errors.length > 0) {
      throw ApplicationFailure.create({
        type: FAILURE_TYPES.BAD_PARTICIPANT,
        message: 'The participant change has invalid fields.',
        details: [{ fields: errors, prefix: '' }],
      });
    }
  }

  private async change(update: ChangeParticipantInput): Promise<ChangeParticipantResult> {
    const { slot } = update;
    const from = this.host.participants[slot];
    // A withdrawal leaves the slot to the lead agency, which holds its tasks until another agency is put in it.
    const withdrawn = update.withdraw === true;
    const to = withdrawn ? leadAgency(this.host.sop, this.host.participants)! : update.agencyId!;
    // Before the first await: a completion by the agency replaced is refused from now on.
    this.host.participants[slot] = to;
    this.moveInMemory({ slot, from, to });
    this.seq += 1;
    const changedAt = new Date().toISOString();
    const { movedTasks } = await activities.recordParticipantChanged({
      caseId: this.host.caseId,
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:participant:${this.seq}`,
      slot,
      from,
      to,
      steps: this.stepsOf(slot),
      sop: this.host.sop.id,
      notifyRoles: this.rolesOf(slot),
      participants: { ...this.host.participants },
      actor: update.actor,
      reason: update.reason,
      at: changedAt,
      ...(withdrawn ? { withdrawn } : {}),
    });
    await this.tellBranches({ slot, from, to });
    return { slot, from, to, changedAt, movedTasks, ...(withdrawn ? { withdrawn } : {}) };
  }

  /** In a person branch: the case changed a participant; move what this branch holds and tell its own branches. */
  private async heard(change: ParticipantChange): Promise<void> {
    if (hasForeignPayload([change])) return;
    if (this.host.participants[change.slot] !== change.from) return;
    this.host.participants[change.slot] = change.to;
    const moved = this.moveInMemory(change);
    this.seq += 1;
    // The case moved the rows it could see; a task this branch opened meanwhile is moved here (idempotent).
    if (moved.length > 0) await this.moveRows(change, `heard:${this.seq}`);
    await this.tellBranches(change);
  }

  /**
   * A task whose row was being written while the slot changed hands: its row is moved too. Called after every task
   * opens; does nothing unless the task's agency changed meanwhile (never the case in histories before changes).
   */
  async afterTaskOpened(task: TaskState, openedFor: string): Promise<void> {
    if (task.agencyId === openedFor || task.status !== 'open') return;
    const slot = findStep(this.host.sop, task.step).actor.slot;
    this.seq += 1;
    await this.moveRows({ slot, from: openedFor, to: task.agencyId }, `opened:${this.seq}`);
  }

  private moveRows(change: ParticipantChange, suffix: string) {
    return activities.recordParticipantChanged({
      caseId: this.host.caseId,
      key: `${workflowInfo().workflowId}:${workflowInfo().runId}:participant-${suffix}`,
      ...change,
      steps: this.stepsOf(change.slot),
      sop: this.host.sop.id,
      notifyRoles: [],
      participants: { ...this.host.participants },
      actor: { sub: 'workflow', agencyId: change.to, roles: [] },
      reason: '',
      at: new Date().toISOString(),
      moveOnly: true,
    });
  }

  private moveInMemory(change: ParticipantChange): TaskState[] {
    const steps = new Set(this.stepsOf(change.slot));
    const moved: TaskState[] = [];
    for (const task of this.host.tasks.values()) {
      if (task.status !== 'open' || task.agencyId !== change.from || !steps.has(task.step)) continue;
      task.agencyId = change.to;
      // A claim by someone of the agency replaced means nothing to the new one.
      delete task.claimedBy;
      moved.push(task);
    }
    return moved;
  }

  /** The roles acting in the slot's steps and the slot's supervisors. */
  private rolesOf(slot: string): string[] {
    const acting = this.host.sop.steps.filter((s) => s.actor.slot === slot).flatMap((s) => s.actor.roles);
    const supervisors = this.host.sop.participants[slot]?.supervisorRoles ?? SUPERVISOR_ROLES;
    return [...new Set([...acting, ...supervisors])].sort();
  }

  private stepsOf(slot: string): string[] {
    return this.host.sop.steps.filter((s) => s.actor.slot === slot).map((s) => s.id);
  }

  private async tellBranches(change: ParticipantChange): Promise<void> {
    for (const id of this.host.branchIds) {
      try {
        await getExternalWorkflowHandle(id).signal(participantChangedSignal, change);
      } catch {
        // The branch has ended: it holds no open task.
      }
    }
  }
}
