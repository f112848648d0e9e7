/**
 * Who owns each table's SQL. The rule (enforced by test/sql-ownership.spec.ts, which scans the source tree):
 *
 * - Every table has exactly one owning module. Only the owner's `files` hold SQL that writes the table
 *   (INSERT INTO / UPDATE / DELETE FROM / TRUNCATE) or reads it (FROM / JOIN), in template literals or strings.
 *   Everyone else calls the owner's methods. The owner's files all sit in one module directory.
 * - `readers` may hold read-only SQL naming the table (FROM / JOIN, never a write): reporting queries that join
 *   many tables (timeliness, metrics), where splitting a query per owner would make no sense.
 * - Typed TypeORM access through an entity (CaseEntity, TaskEntity, …) is not SQL text and is not scanned; the
 *   entities live in libs/database and are used by the owning module and for simple typed reads.
 * - Exempt from the scan (see SQL_SCAN_EXEMPT): the migrations (libs/database/src/migrations are the schema
 *   history and name every table), unit specs, and test/ and bench/, which build fixtures and inspect raw rows on
 *   purpose.
 *
 * A new table gets an entry here in the same change that creates it; a file that needs another table's data asks
 * the owner for a method.
 */
export interface TableOwner {
  /** The module (directory) that owns the table. */
  module: string;
  /** The files of that module allowed to hold the table's SQL (paths from the repository root). */
  files: readonly string[];
  /** Files allowed read-only SQL (FROM / JOIN) on the table. */
  readers?: readonly string[];
}

const TIMELINESS_REPORTS = [
  'apps/api/src/timeliness/timeliness-sql.ts',
  'apps/api/src/timeliness/timeliness.service.ts',
];
const METRICS = ['apps/api/src/metrics/metrics.service.ts'];
/** The case-list filter that keeps a return from an origin-country agency until consent names it. */
const CASE_VISIBILITY = 'apps/api/src/cases/case-visibility.ts';
const NOTIFICATIONS = [
  'libs/notifications/src/notification-store.service.ts',
  'libs/notifications/src/notification-inbox.store.ts',
  'libs/notifications/src/webhook-dispatcher.ts',
];

export const TABLE_OWNERS: Readonly<Record<string, TableOwner>> = {
  cases: {
    module: 'libs/cases',
    files: ['libs/cases/src/case-row.store.ts'],
    // The one-off sealer of plain case records skips erased cases.
    readers: [...TIMELINESS_REPORTS, 'libs/cases/src/case-record.store.ts'],
  },
  tasks: {
    module: 'libs/cases',
    files: ['libs/cases/src/case-row.store.ts'],
    readers: [...TIMELINESS_REPORTS, ...METRICS, CASE_VISIBILITY],
  },
  case_records: { module: 'libs/cases', files: ['libs/cases/src/case-record.store.ts'] },
  case_timeline: { module: 'libs/cases', files: ['libs/cases/src/case-timeline.store.ts'] },
  consents: { module: 'libs/cases', files: ['libs/cases/src/consent.store.ts'], readers: [CASE_VISIBILITY] },
  case_links: { module: 'libs/cases', files: ['libs/cases/src/case-link.store.ts'] },
  access_grants: { module: 'libs/cases', files: ['libs/cases/src/access-grant.store.ts'] },
  // Cross-border referrals (docs/referral-protocol.md): the partner directory, our own keys, the referrals.
  referral_own_keys: { module: 'libs/referral', files: ['libs/referral/src/own-keys.ts'] },
  referral_partners: { module: 'libs/referral', files: ['libs/referral/src/partner-directory.ts'] },
  referral_partner_keys: { module: 'libs/referral', files: ['libs/referral/src/partner-directory.ts'] },
  referrals: { module: 'libs/referral', files: ['libs/referral/src/referral-store.ts'] },
  referral_messages: { module: 'libs/referral', files: ['libs/referral/src/referral-store.ts'] },
  referral_packets_seen: { module: 'libs/referral', files: ['libs/referral/src/referral-store.ts'] },
  escalations: {
    module: 'libs/cases',
    files: ['libs/cases/src/escalation.store.ts'],
    readers: [...TIMELINESS_REPORTS, ...METRICS],
  },
  audit_log: {
    module: 'libs/audit',
    files: ['libs/audit/src/audit-log.service.ts', 'libs/audit/src/audit-chainer.ts'],
  },
  audit_chain: {
    module: 'libs/audit',
    files: ['libs/audit/src/audit-log.service.ts', 'libs/audit/src/audit-chainer.ts'],
  },
  audit_pending: {
    module: 'libs/audit',
    files: ['libs/audit/src/audit-log.service.ts', 'libs/audit/src/audit-chainer.ts'],
  },
  case_keys: { module: 'libs/codec', files: ['libs/codec/src/key-store.ts', 'libs/codec/src/rotation.ts'] },
  agencies: { module: 'libs/agencies', files: ['libs/agencies/src/agency.store.ts'], readers: TIMELINESS_REPORTS },
  memberships: { module: 'libs/agencies', files: ['libs/agencies/src/agency.store.ts'] },
  notifications: { module: 'libs/notifications', files: NOTIFICATIONS },
  notification_reads: { module: 'libs/notifications', files: NOTIFICATIONS },
  agency_webhooks: { module: 'libs/notifications', files: NOTIFICATIONS },
  webhook_deliveries: { module: 'libs/notifications', files: NOTIFICATIONS },
  webhook_attempts: { module: 'libs/notifications', files: NOTIFICATIONS },
  idempotency_keys: { module: 'apps/api/src/common', files: ['apps/api/src/common/idempotency.interceptor.ts'] },
  worker_heartbeats: { module: 'libs/database', files: ['libs/database/src/worker-heartbeat.store.ts'] },
};

/** Where SQL naming a table may appear without being its owner (path prefixes or suffixes; see the rule above). */
export const SQL_SCAN_EXEMPT = {
  prefixes: ['libs/database/src/migrations/', 'test/', 'bench/'],
  suffixes: ['.spec.ts', '.e2e-spec.ts'],
} as const;

/** The directories the ownership test scans. */
export const SQL_SCAN_ROOTS = ['apps', 'libs', 'workflows', 'scripts', 'bench', 'test'] as const;
