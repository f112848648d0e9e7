export * from './binaries';
export * from './bundle';
export * from './temporal-client.module';
export * from './tls';
