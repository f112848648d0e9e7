// Every workflow type of the demo hand-off SOP, registered by the worker through workflows/index.ts.
export { demoHandoffWorkflow } from './demo-handoff.workflow';
