export * from './signature';
export * from './notification-store.service';
export * from './webhook-dispatcher';
export * from './notification-inbox.store';
export * from './webhook-address';
export * from './webhook-target';
export * from './webhook-sender';
