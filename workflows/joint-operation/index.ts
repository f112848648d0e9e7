export { jointOperationWorkflow } from './joint-operation.workflow';
