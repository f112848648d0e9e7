// Every workflow function of the court-testimony SOP, registered by the worker through workflows/index.ts.
export { courtTestimonyWorkflow } from './court-testimony.workflow';
