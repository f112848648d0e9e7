export * from './env';
export * from './config.module';
export * from './embedded-db';
