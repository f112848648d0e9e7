// Every workflow type of the Venice inspection SOP: the case, and the per-person child workflows it starts.
export { veniceInspectionWorkflow } from './venice-inspection.workflow';
export { veniceVulnerableWorkerWorkflow } from './venice-inspection.person.workflow';
export { veniceChildWorkflow } from './venice-inspection.child.workflow';
