export { assistedReturnWorkflow } from './assisted-return.workflow';
export { assistedReturnMonitoringWorkflow } from './assisted-return.monitoring.workflow';
