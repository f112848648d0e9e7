// The workflow bundle's entry point: every workflow type the worker registers.
export * from './demo-handoff';
export * from './venice-inspection';
export * from './joint-operation';
export * from './assisted-return';
export * from './court-testimony';
export * from './shelter-admission';
export * from './hotline-intake';
// Cross-border referrals: the delivery of a referral's messages to a partner deployment (docs/referral-protocol.md).
export { referralWorkflow } from './referral';
// Runtime workflows a case starts for itself (not SOPs): the repeats of an overdue step's escalation.
export { escalationWatchWorkflow } from './runtime/escalation-watch.workflow';
