import type { EventSpec, FieldSpec } from '@waymark/contracts';

/** The code of a vulnerable worker or a child found, never a name (the codes of worker-interviews). */
const PERSON: FieldSpec = {
  type: 'string',
  label: 'Code of the worker or child (W1, C1…)',
  required: true,
  pattern: '^[WC][1-9][0-9]{0,2}$',
  patternHint: 'a code such as W1 or C2',
};

/** Who reports what became of a person: the municipal team working with them (L4409-L4412). */
const TEAM = [{ slot: 'unit', roles: ['social-worker', 'coordinator'] }] as const;

/**
 * Events about one person found at the inspection. They reach that person's branch only: the case goes on for the
 * others, and the person's outcome carries the reason (a code, never a story).
 */
export const VENICE_EVENTS: readonly EventSpec[] = [
  {
    type: 'person-absconded',
    title: 'The person ran away before the support ended',
    reporters: TEAM,
    form: {
      fields: {
        person: PERSON,
        reason: {
          type: 'enum',
          label: 'When it became known',
          options: ['left-accommodation', 'left-during-assessment', 'did-not-come-to-appointment'],
          required: true,
        },
      },
    },
    compartment: 'protection',
    person: { field: 'person', endsAs: 'person-absconded' },
    seed: ['L7204-L7205', 'L7219'],
    description: 'A victim may run away before any further step is taken (C8, L7219); the branch ends, others go on.',
  },
  {
    type: 'person-lost-contact',
    title: 'Contact with the person was lost',
    reporters: TEAM,
    form: {
      fields: {
        person: PERSON,
        reason: {
          type: 'enum',
          label: 'How contact was lost',
          options: ['unreachable', 'moved-away', 'left-the-country'],
          required: true,
        },
      },
    },
    compartment: 'protection',
    person: { field: 'person', endsAs: 'person-lost-contact' },
    seed: ['inferred'],
    description: 'The team can no longer reach the person (inferred from the absconding cases, L7204-L7205).',
  },
];
