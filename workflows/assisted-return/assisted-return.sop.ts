import type { SopDefinition } from '@waymark/contracts';

// Placeholder: the full declaration is written from ../shared/reference/sop-catalogue.md.
export const ASSISTED_RETURN_SOP: SopDefinition = {
  id: 'assisted-return',
  version: 1,
  title: 'Assisted voluntary return',
  summary: 'Being written.',
  seed: ['inferred'],
  workflowType: 'assistedReturnWorkflow',
  participants: {},
  intake: { fields: {} },
  steps: [],
  transitions: [],
  endStates: [],
};
