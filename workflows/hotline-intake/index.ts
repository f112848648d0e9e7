// Every workflow function of the hotline-intake SOP, registered by the worker through workflows/index.ts.
export { hotlineIntakeWorkflow } from './hotline-intake.workflow';
