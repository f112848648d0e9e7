import { DataSource, type DataSourceOptions } from 'typeorm';
import { CaseEntity } from './entities/case.entity';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';
import { TaskEntity } from './entities/task.entity';
import { TimelineEntryEntity } from './entities/timeline-entry.entity';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { TaskOwnershipAndClaims1764310000000 } from './migrations/1764310000000-task-ownership-and-claims';
import { Timeliness1764320000000 } from './migrations/1764320000000-timeliness';
import { TimelinessIndexes1764330000000 } from './migrations/1764330000000-timeliness-indexes';
import { Agencies1764350000000 } from './migrations/1764350000000-agencies';
import { AuditLog1764340000000 } from './migrations/1764340000000-audit-log';
import { Consents1764360000000 } from './migrations/1764360000000-consents';
import { Compartments1764370000000 } from './migrations/1764370000000-compartments';
import { CaseKeys1764380000000 } from './migrations/1764380000000-case-keys';
import { ConsentGates1764390000000 } from './migrations/1764390000000-consent-gates';
import { AppRole1764400000000 } from './migrations/1764400000000-app-role';
import { HealingRequests1764415000000 } from './migrations/1764415000000-healing-requests';
import { InboxOrderIndexes1764420000000 } from './migrations/1764420000000-inbox-order-indexes';
import { RepeatingEscalations1764425000000 } from './migrations/1764425000000-repeating-escalations';
import { CaseOverlay1764450000000 } from './migrations/1764450000000-case-overlay';
import { TaskRounds1764470000000 } from './migrations/1764470000000-task-rounds';
import { AuditChain1764480000000 } from './migrations/1764480000000-audit-chain';
import { DataDeadlines1764460000000 } from './migrations/1764460000000-data-deadlines';
import { CaseLinks1764465000000 } from './migrations/1764465000000-case-links';
import { AccessGrants1764490000000 } from './migrations/1764490000000-access-grants';
import { ConsentRecipients1764495000000 } from './migrations/1764495000000-consent-recipients';
import { Referrals1764500000000 } from './migrations/1764500000000-referrals';
import { CaselessNotifications1764510000000 } from './migrations/1764510000000-caseless-notifications';

export const ENTITIES = [CaseEntity, TaskEntity, TimelineEntryEntity, IdempotencyRecordEntity];
export const MIGRATIONS = [
  InitialSchema1764300000000,
  TaskOwnershipAndClaims1764310000000,
  Timeliness1764320000000,
  TimelinessIndexes1764330000000,
  AuditLog1764340000000,
  Agencies1764350000000,
  Consents1764360000000,
  Compartments1764370000000,
  CaseKeys1764380000000,
  ConsentGates1764390000000,
  AppRole1764400000000,
  HealingRequests1764415000000,
  InboxOrderIndexes1764420000000,
  RepeatingEscalations1764425000000,
  CaseOverlay1764450000000,
  TaskRounds1764470000000,
  AuditChain1764480000000,
  DataDeadlines1764460000000,
  CaseLinks1764465000000,
  AccessGrants1764490000000,
  ConsentRecipients1764495000000,
  Referrals1764500000000,
  CaselessNotifications1764510000000,
];

/** The one set of options Nest, the worker and the migration command share. Never `synchronize`. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: 10, application_name: 'waymark' },
    ...extra,
  } as DataSourceOptions;
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

/** Runs pending migrations; returns the names of those applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Runs `fn` with a short-lived connection (scripts and seeding). */
export async function withDataSource<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}
