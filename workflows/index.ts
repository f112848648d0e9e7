// The workflow bundle's entry point: every workflow type the worker registers.
export { demoHandoffWorkflow } from './demo-handoff.workflow';
export * from './venice-inspection';
export * from './joint-operation';
export * from './assisted-return';
