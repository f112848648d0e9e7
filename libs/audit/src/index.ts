export * from './audit-hash';
export * from './audit-log.service';
