import type { SopDefinition } from '@waymark/contracts';
import { DEMO_HANDOFF_ACCESS } from './demo-handoff.policy';

/**
 * The smallest SOP that exercises the whole spine: one agency completes a step and hands the case to another.
 * It encodes no procedure from the seed; it is the documented example of how a step hand-off works end to end.
 */
export const DEMO_HANDOFF_SOP: SopDefinition = {
  id: 'demo-handoff',
  version: 1,
  title: 'Demo hand-off between two agencies',
  summary: 'Agency A reviews an intake and hands the case to agency B, which records the outcome.',
  seed: ['inferred'],
  workflowType: 'demoHandoffWorkflow',
  // Who reads and writes which compartment of this SOP's cases: demo-handoff.policy.ts.
  access: DEMO_HANDOFF_ACCESS,
  // The referring agency leads; its supervisors coordinate (the demo has no coordinator role of its own).
  lead: { slot: 'a', coordinatorRoles: [] },
  participants: {
    a: { kind: 'demo', label: 'Referring agency', defaultAgency: 'demo-a' },
    b: { kind: 'demo', label: 'Receiving agency', defaultAgency: 'demo-b', changeable: { seed: ['inferred'] } },
  },
  intake: {
    fields: {
      channel: {
        type: 'enum',
        label: 'How the case came in',
        options: ['phone', 'walk-in', 'referral'],
        required: true,
      },
    },
  },
  intakeCompartment: 'intake',
  steps: [
    {
      id: 'review-intake',
      compartment: 'intake',
      title: 'Review the intake and hand over',
      actor: { slot: 'a', roles: ['caseworker'] },
      form: {
        fields: {
          ready: { type: 'boolean', label: 'Ready to hand over', required: true },
          note: { type: 'text', label: 'Note for the receiving agency', maxLength: 1000, personal: true },
          respondBy: {
            type: 'date',
            label: 'The receiving agency must record the outcome by',
            description: 'A date or a full timestamp; sets the `respond-by` deadline of the outcome step.',
          },
        },
      },
      target: 'P1D',
      seed: ['inferred'],
    },
    {
      id: 'record-outcome',
      compartment: 'protection',
      title: 'Record the outcome',
      actor: { slot: 'b', roles: ['caseworker'] },
      form: {
        fields: {
          outcome: { type: 'enum', label: 'Outcome', options: ['resolved', 'referred-on'], required: true },
          decidedOn: { type: 'date', label: 'Decided on', notAfter: 'respond-by' },
        },
      },
      target: 'P2D',
      seed: ['inferred'],
    },
  ],
  // A seconds-scale deadline from a form's data, so the walk (docs/sops/walk/data-deadline.sh) sees it fire.
  dataDeadlines: [
    {
      id: 'respond-by',
      label: 'date agency A asked for',
      from: 'review-intake.respondBy',
      warnBefore: 'PT8S',
      escalateBefore: 'PT4S',
      appliesTo: ['record-outcome'],
      seed: ['inferred'],
    },
  ],
  transitions: [
    { from: 'start', to: 'review-intake' },
    { from: 'review-intake', to: 'record-outcome' },
    { from: 'record-outcome', to: 'resolved', when: 'outcome = resolved' },
    { from: 'record-outcome', to: 'referred-on', when: 'outcome = referred-on' },
  ],
  endStates: [
    { id: 'resolved', description: 'Agency B resolved the case.' },
    { id: 'referred-on', description: 'Agency B referred the case onwards.' },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
