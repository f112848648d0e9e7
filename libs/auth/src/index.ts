export * from './signing-key';
export * from './oidc';
export * from './admin-secret';
export * from './token-cache';
