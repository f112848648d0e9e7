/**
 * Data categories: what a form field says about a person, finer than the compartment it is kept in. The compartment
 * rules (policy.ts) decide whether a role may read a compartment at all; the category then decides, field by field,
 * whether this reader may see this value: some categories stay with one side (the police's operational intelligence,
 * the NGO's counselling and the person's story), and some reach another agency only under the person's consent
 * naming it (health, family, contacts and whereabouts, the story).
 * Seed: data shared only with the stakeholders concerned, the form of exploitation kept back on request
 * (L6243-L6245); inspection and protection kept apart (L1612-L1614, L2228-L2234); no personal data passed on unless
 * the person requires it and only upon consent (L7399-L7401). Pure TypeScript: bundled into workflows.
 */
import type { CompartmentId } from './compartments.contract';
import type { ConsentScope } from './consent.contract';
import type { FieldSpec, FormSpec } from './forms.contract';
import { consentActive, consentNames } from './policy';

export const DATA_CATEGORIES = [
  'case',
  'identity',
  'contact',
  'location',
  'health',
  'story',
  'family',
  'legal-status',
  'operational-intelligence',
  'counselling',
  'return-plan',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Agency kinds on the enforcement side: they never read counselling or the story, and alone read intelligence. */
export const ENFORCEMENT_KINDS = ['police', 'court', 'labour-inspectorate'] as const;

export interface CategoryRule {
  description: string;
  /** Another agency than the one that recorded the value reads it only under a consent naming it with this scope. */
  consentScope?: ConsentScope;
  /** Only these agency kinds read it (police-only data). */
  onlyKinds?: readonly string[];
  /** These agency kinds never read it (NGO-only data). */
  neverKinds?: readonly string[];
}

export const CATEGORY_RULES: Readonly<Record<DataCategory, CategoryRule>> = {
  case: { description: 'Codes, counts, dates, decisions and the plan of the case: read as its compartment allows.' },
  identity: { description: 'Who the person is: the identity compartment and its consent already decide.' },
  contact: { description: 'How to reach the person or their relatives.', consentScope: 'contact' },
  location: { description: 'Where the person is or stays (a category, never an address).', consentScope: 'contact' },
  health: { description: 'Physical and mental health.', consentScope: 'health' },
  story: {
    description: 'What happened to the person, in their words or the notes taken: the form of exploitation.',
    consentScope: 'exploitation-form',
    neverKinds: ENFORCEMENT_KINDS,
  },
  family: { description: 'The family: its situation, the risks to or from it.', consentScope: 'family' },
  'legal-status': { description: 'Residence, documents, proceedings: read as the compartment allows.' },
  'operational-intelligence': {
    description: 'The police operation’s intelligence: vehicles, premises, suspects. Police and prosecutors only.',
    onlyKinds: ['police', 'court'],
  },
  counselling: {
    description: 'Assistance and counselling records: never read by the police, the courts or inspectors.',
    neverKinds: ENFORCEMENT_KINDS,
  },
  'return-plan': { description: 'The return and its logistics: read as the return compartment and its consent allow.' },
};

/** A compartment's fields default to this category unless the field (or its form) says otherwise. */
export const DEFAULT_CATEGORY_BY_COMPARTMENT: Readonly<Record<CompartmentId, DataCategory>> = {
  intake: 'case',
  identity: 'identity',
  inspection: 'legal-status',
  protection: 'counselling',
  return: 'return-plan',
};

/**
 * The category of one field: the field's own, else its form's, else free text about a person in the protection
 * compartment is the person's story, else the compartment's default.
 */
export function fieldCategory(form: FormSpec | undefined, field: string, compartment: CompartmentId): DataCategory {
  const spec: FieldSpec | undefined = form?.fields[field];
  if (spec?.category) return spec.category;
  if (form?.category) return form.category;
  if (compartment === 'protection' && (spec === undefined || (spec.type === 'text' && spec.personal))) return 'story';
  return DEFAULT_CATEGORY_BY_COMPARTMENT[compartment];
}

/** Why a value is withheld from a reader (shown instead of the value; never an error for the whole case). */
export type WithheldReason = 'no-consent' | 'police-only' | 'not-for-enforcement';

/** A consent as the field check needs it. */
export interface CategoryConsent {
  /** The person it was given for (a code such as W2); null: the case's person, or everyone in the case. */
  subject?: string | null;
  sharedWithAgency: string | null;
  sharedWithKind?: string | null;
  scope: readonly string[];
  withdrawn: boolean;
  validUntil?: string | null;
}

/**
 * Who reads: the agency, the kinds of the slots it fills in the case, and whether it is the case's lead (the agency
 * the person is in the care of, which records the person's consents: it reads what partners record for the case).
 */
export interface CategoryReader {
  agencyId: string;
  kinds: readonly string[];
  lead?: boolean;
  /** It reads a person's own records only under that person's consent naming it (ParticipantSpec). */
  personDataOnConsent?: boolean;
}

/**
 * May this reader see a value of this category? `recordedBy`: the agency that recorded the value (it always reads
 * its own, consent or not, unless the category is kept from its kind). Returns the reason it is withheld, or
 * undefined when readable.
 */
export function categoryWithheld(
  category: DataCategory,
  reader: CategoryReader,
  recordedBy: string | null,
  consents: readonly CategoryConsent[],
): WithheldReason | undefined {
  const rule = CATEGORY_RULES[category];
  if (rule.onlyKinds && !reader.kinds.some((k) => rule.onlyKinds!.includes(k))) return 'police-only';
  if (rule.neverKinds && reader.kinds.some((k) => rule.neverKinds!.includes(k))) return 'not-for-enforcement';
  if (!rule.consentScope || reader.lead || recordedBy === reader.agencyId) return undefined;
  const covered = consents.some(
    (c) => consentActive(c) && consentNames(c, reader.agencyId, reader.kinds) && c.scope.includes(rule.consentScope!),
  );
  return covered ? undefined : 'no-consent';
}

/**
 * Does a consent speak for a record's person? A consent given for one person (W2) opens only that person's records;
 * one given without a subject, and a record about no one person (the case), match any.
 */
export function consentCoversSubject(
  consent: { subject?: string | null },
  subject: string | null | undefined,
): boolean {
  return !consent.subject || !subject || consent.subject === subject;
}

/** One record's values as a reader may see them: the readable values, and the withheld fields with their reasons. */
export function scopeRecordData(
  form: FormSpec | undefined,
  compartment: CompartmentId,
  data: Readonly<Record<string, unknown>>,
  reader: CategoryReader,
  recordedBy: string | null,
  consents: readonly CategoryConsent[],
  subject: string | null = null,
): { data: Record<string, unknown>; withheld: { field: string; category: DataCategory; reason: WithheldReason }[] } {
  // Another person's consent opens nothing of this person's data (a multi-person case: workers W1, W2, ...).
  const theirs = consents.filter((c) => consentCoversSubject(c, subject));
  const out: Record<string, unknown> = {};
  if (subject && reader.personDataOnConsent && !reader.lead && recordedBy !== reader.agencyId) {
    // An agency that acts for a person only once they agreed: nothing of theirs before that person's consent.
    const agreed = theirs.some(
      (c) => c.subject === subject && consentActive(c) && consentNames(c, reader.agencyId, reader.kinds),
    );
    if (!agreed) {
      const withheld = Object.keys(data).map((field) => ({
        field,
        category: fieldCategory(form, field, compartment),
        reason: 'no-consent' as const,
      }));
      return { data: {}, withheld };
    }
  }
  const withheld: { field: string; category: DataCategory; reason: WithheldReason }[] = [];
  for (const [field, value] of Object.entries(data)) {
    const category = fieldCategory(form, field, compartment);
    const reason = categoryWithheld(category, reader, recordedBy, theirs);
    if (reason) withheld.push({ field, category, reason });
    else out[field] = value;
  }
  return { data: out, withheld };
}
