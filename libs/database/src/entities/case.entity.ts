import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CaseStatusColumn = 'open' | 'completed' | 'cancelled';

/** The read model of a case. The workflow is the truth; activities keep this row in step with it. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  sop: string;

  @Column('int', { name: 'sop_version' })
  sopVersion: number;

  /** The jurisdiction overlay the case started under (name and file digest), or null for the declaration as is. */
  @Column('jsonb', { nullable: true })
  overlay!: { name: string; digest: string } | null;

  @Column('text', { name: 'workflow_id', unique: true })
  workflowId: string;

  @Column('text')
  status: CaseStatusColumn;

  @Column('text', { name: 'end_state', nullable: true })
  endState: string | null;

  /** Participant slot → agency id. */
  @Column('jsonb')
  participants: Record<string, string>;

  /** Every agency taking part; the scope of who may list and open the case. */
  @Column('text', { name: 'participant_agencies', array: true })
  participantAgencies: string[];

  @Column('text', { name: 'opened_by_agency' })
  openedByAgency: string;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** Recorded only where the intake asks (for anonymised statistics, seed L3767-L3775); never identifying. */
  @Column('text', { name: 'age_band', nullable: true })
  ageBand: string | null;

  @Column('text', { nullable: true })
  gender: string | null;

  @Column('text', { nullable: true })
  nationality: string | null;

  /** The intake records a child (or presumed child): consent then comes from the guardian or responsible authority. */
  @Column('boolean', { name: 'person_is_minor', default: false })
  personIsMinor: boolean;

  /** Set by an erasure: the data key is destroyed and the read model redacted; the API answers 410 from then on. */
  @Column('timestamptz', { name: 'erased_at', nullable: true })
  erasedAt: Date | null;
}
