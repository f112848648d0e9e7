// The workflow bundle's entry point: every workflow type the worker registers.
export * from './demo-handoff';
export * from './venice-inspection';
export * from './joint-operation';
export * from './assisted-return';
