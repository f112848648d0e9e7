import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A replayable response to a request sent with an `Idempotency-Key`, scoped to the calling agency. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyRecordEntity {
  @PrimaryColumn('text', { name: 'agency_id' })
  agencyId: string;

  @PrimaryColumn('text')
  key: string;

  /** SHA-256 of method, path and body: the same key with another request is refused. */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('int', { name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column('jsonb', { name: 'response_body', nullable: true })
  responseBody: unknown;

  /** While the request runs, it holds the key until then; a retry after it takes the key over. */
  @Column('timestamptz', { name: 'leased_until', default: () => 'now()' })
  leasedUntil: Date;

  /** What the request created (a case id), recorded before any side effect. */
  @Column('text', { name: 'resource_id', nullable: true })
  resourceId: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
