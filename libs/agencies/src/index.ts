export * from './seed';
export * from './agency.store';
