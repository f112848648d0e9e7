// Every workflow function of the joint-operation SOP, registered by the worker through workflows/index.ts.
export { jointOperationWorkflow } from './joint-operation.workflow';
export { jointOperationPersonWorkflow } from './joint-operation.person.workflow';
