export * from './key-store';
export * from './keyring';
export * from './master-key';
export * from './payload-codec';
export * from './codec.module';
export * from './rotation';
export * from './erasure-listener';
export * from './foreign-payloads';
