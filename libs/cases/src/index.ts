export * from './case-store.service';
