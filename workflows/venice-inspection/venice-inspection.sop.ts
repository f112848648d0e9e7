import type { SopDefinition } from '@waymark/contracts';

// Placeholder: the full declaration is written from ../shared/reference/sop-catalogue.md.
export const VENICE_INSPECTION_SOP: SopDefinition = {
  id: 'venice-inspection',
  version: 1,
  title: 'Venice crisis-and-assessment inspection',
  summary: 'Being written.',
  seed: ['inferred'],
  workflowType: 'veniceInspectionWorkflow',
  participants: {},
  intake: { fields: {} },
  steps: [],
  transitions: [],
  endStates: [],
};
