export * from './signing-key';
export * from './oidc';
