export * from './data-source';
export * from './entities/case.entity';
export * from './entities/task.entity';
export * from './entities/timeline-entry.entity';
export * from './entities/idempotency-record.entity';
export * from './app-role';
export * from './table-owners';
export * from './sql-ownership';
