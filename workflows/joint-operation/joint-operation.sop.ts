import type { SopDefinition } from '@waymark/contracts';

// Placeholder: the full declaration is written from ../shared/reference/sop-catalogue.md.
export const JOINT_OPERATION_SOP: SopDefinition = {
  id: 'joint-operation',
  version: 1,
  title: 'Police–NGO joint operation',
  summary: 'Being written.',
  seed: ['inferred'],
  workflowType: 'jointOperationWorkflow',
  participants: {},
  intake: { fields: {} },
  steps: [],
  transitions: [],
  endStates: [],
};
