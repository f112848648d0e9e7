import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What happened on a case, in order. `eventKey` makes every write idempotent under activity retries. */
@Entity({ name: 'case_timeline' })
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('text', { name: 'event_key', unique: true })
  eventKey: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  kind: string;

  @Column('text', { nullable: true })
  step: string | null;

  @Column('text', { name: 'agency_id', nullable: true })
  agencyId: string | null;

  @Column('text', { name: 'actor_sub', nullable: true })
  actorSub: string | null;

  /** Ids and codes only; never personal data. */
  @Column('jsonb', { default: () => "'{}'::jsonb" })
  detail: Record<string, unknown>;
}
