// The workflow bundle's entry point: every workflow type the worker registers.
export { demoHandoffWorkflow } from './demo-handoff.workflow';
