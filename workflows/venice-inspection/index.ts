// Every workflow type of the Venice inspection SOP: the case, and the per-person child workflows it starts.
export { veniceInspectionWorkflow } from './venice-inspection.workflow';
export { veniceVulnerableWorkerWorkflow } from './vulnerable-worker.workflow';
export { veniceChildWorkflow } from './child-found.workflow';
