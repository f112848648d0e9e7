export * from './case-store.service';
export * from './case-write-context';
export * from './case-record.store';
export * from './case-row.store';
export * from './case-timeline.store';
export * from './consent.store';
export * from './escalation.store';
export * from './record-cipher';
