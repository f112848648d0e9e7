import type { FormSpec } from './forms.contract';

/**
 * Case data is split into compartments; the access policy (policy.ts) says who may read or write each one.
 * Pure TypeScript: bundled into workflows, which only name the compartment a form writes.
 */
export const COMPARTMENT_IDS = ['intake', 'identity', 'inspection', 'protection', 'return'] as const;
export type CompartmentId = (typeof COMPARTMENT_IDS)[number];

export interface CompartmentSpec {
  id: CompartmentId;
  description: string;
  /** Seed lines that motivate keeping this data apart. */
  seed: readonly string[];
}

export const COMPARTMENTS: readonly CompartmentSpec[] = [
  {
    id: 'intake',
    description:
      'How the case came in and how the agencies plan to act on it: the signal, the referral, the operation plan. ' +
      'Shared with every agency taking part; it holds codes and counts, never names.',
    seed: ['L1610-L1612', 'L4403-L4406'],
  },
  {
    id: 'identity',
    description:
      'Who the person is: names, documents, nationality, age band, contacts. Everywhere else a person is a code ' +
      '(W1, P1); identity leaves the agency that holds it only as far as the person consented.',
    seed: ['L6532-L6533', 'L7666-L7667', 'L2986-L2988', 'L6243-L6245'],
  },
  {
    id: 'inspection',
    description:
      'The enforcement record: workplace checks, interviews by inspectors, the police operation, legal status, ' +
      'proceedings. Kept apart from protection so helpers are not seen as part of the repression system.',
    seed: ['L1612-L1614', 'L1618-L1621'],
  },
  {
    id: 'protection',
    description:
      'Assistance: needs assessments, counselling notes, identification decisions, risks, referrals to shelters ' +
      'and programmes. Never read by inspection roles (Venice) or by the police (joint operation).',
    seed: ['L1615-L1621', 'L2228-L2234', 'L6243-L6245'],
  },
  {
    id: 'return',
    description:
      'The return itself: the decision and referral to the origin country, travel, reception, arrival and ' +
      'monitoring. Shared with the origin NGO, the consulate and the return agency only under the consent given.',
    seed: ['L6242-L6245', 'L7223-L7225', 'L7399-L7401'],
  },
];

export function isCompartment(value: unknown): value is CompartmentId {
  return typeof value === 'string' && (COMPARTMENT_IDS as readonly string[]).includes(value);
}

/**
 * Splits submitted form values by compartment: a field that declares its own compartment (a name, a document
 * number) goes there, every other field to the form's default. Compartments that receive no value are left out.
 */
export function splitByCompartment(
  form: FormSpec,
  fallback: CompartmentId,
  values: Record<string, unknown>,
): Partial<Record<CompartmentId, Record<string, unknown>>> {
  const out: Partial<Record<CompartmentId, Record<string, unknown>>> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const target = form.fields[name]?.compartment ?? fallback;
    (out[target] ??= {})[name] = value;
  }
  return out;
}
