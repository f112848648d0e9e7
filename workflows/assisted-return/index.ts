export { assistedReturnWorkflow } from './assisted-return.workflow';
