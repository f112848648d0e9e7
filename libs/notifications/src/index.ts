export * from './signature';
export * from './notification-store.service';
export * from './webhook-dispatcher';
export * from './notification-inbox.store';
