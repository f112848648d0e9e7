export * from './signing-key';
