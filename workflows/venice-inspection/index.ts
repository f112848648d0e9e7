export { veniceInspectionWorkflow } from './venice-inspection.workflow';
