export { shelterAdmissionWorkflow } from './shelter-admission.workflow';
