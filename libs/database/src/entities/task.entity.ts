import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TaskStatusColumn = 'open' | 'completed' | 'cancelled';

/** One step waiting in (or done by) one agency's inbox. The inbox is this table: nothing polls Temporal for it. */
@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  /** The workflow that owns the task: the case's, or a per-person child workflow's. */
  @Column('text', { name: 'workflow_id' })
  workflowId: string;

  @Column('text')
  sop: string;

  /** A per-person task's person code within the case (e.g. `W3`); never a name. */
  @Column('text', { nullable: true })
  subject: string | null;

  @Column('text', { nullable: true })
  phase: string | null;

  /** The round of the case the task belongs to (1 until the case is sent back to an earlier decision). */
  @Column('integer', { default: 1 })
  round: number;

  @Column('text', { name: 'claimed_by', nullable: true })
  claimedBy: string | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  @Column('text')
  step: string;

  @Column('text')
  title: string;

  @Column('text', { name: 'agency_id' })
  agencyId: string;

  @Column('text', { array: true })
  roles: string[];

  @Column('text')
  status: TaskStatusColumn;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'due_at', nullable: true })
  dueAt: Date | null;

  /** The step's target in milliseconds when the task opened (after configuration overrides). */
  @Column('bigint', {
    name: 'target_ms',
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  targetMs: number | null;

  /** The clock waits on the person's own decision, not on an agency: left out of on-time rates. */
  @Column('boolean', { name: 'pauses_agency_clock', default: false })
  pausesAgencyClock: boolean;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt: Date | null;

  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt: Date | null;

  @Column('text', { name: 'completed_by', nullable: true })
  completedBy: string | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  /** The earliest deadline from the case's data guarding the step (SopDefinition.dataDeadlines), and its id. */
  @Column('timestamptz', { name: 'deadline_at', nullable: true })
  deadlineAt: Date | null;

  @Column('text', { name: 'deadline_id', nullable: true })
  deadlineId: string | null;
}
