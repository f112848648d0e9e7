import { SOPS } from '../../../workflows/sops';
import type { CompartmentId } from './compartments.contract';
import {
  CATEGORY_RULES,
  DATA_CATEGORIES,
  ENFORCEMENT_KINDS,
  categoryWithheld,
  consentCoversSubject,
  fieldCategory,
  scopeRecordData,
  type CategoryConsent,
} from './data-categories.contract';
import type { FormSpec } from './forms.contract';

/** Every field of every form of every SOP, with the compartment its value is kept in. */
function everyField() {
  const out: { sop: string; form: string; spec: FormSpec; field: string; compartment: CompartmentId }[] = [];
  for (const sop of SOPS) {
    const forms: [string, FormSpec, CompartmentId][] = [
      ['intake', sop.intake, sop.intakeCompartment ?? 'intake'],
      ...sop.steps.map((s) => [s.id, s.form, s.compartment] as [string, FormSpec, CompartmentId]),
      ...(sop.events ?? []).map(
        (e) => [e.type, e.form, e.compartment ?? 'intake'] as [string, FormSpec, CompartmentId],
      ),
    ];
    for (const [form, spec, compartment] of forms)
      for (const [field, f] of Object.entries(spec.fields))
        out.push({ sop: sop.id, form, spec, field, compartment: f.compartment ?? compartment });
  }
  return out;
}

const READER = 'reader-agency';
const RECORDER = 'recording-agency';
/**
 * The consent states of the matrix: none, given naming the reader, given naming the reader's kind, withdrawn,
 * expired, given naming another agency, given naming another kind.
 */
const PAST = '2020-01-01T00:00:00Z';
const CONSENT_STATES: Record<string, (scope: string, kind: string) => CategoryConsent[]> = {
  none: () => [],
  given: (scope) => [{ sharedWithAgency: READER, scope: [scope], withdrawn: false }],
  'given to its kind': (scope, kind) => [
    { sharedWithAgency: null, sharedWithKind: kind, scope: [scope], withdrawn: false },
  ],
  withdrawn: (scope) => [{ sharedWithAgency: READER, scope: [scope], withdrawn: true }],
  expired: (scope) => [{ sharedWithAgency: READER, scope: [scope], withdrawn: false, validUntil: PAST }],
  'given to another agency': (scope) => [{ sharedWithAgency: 'other-agency', scope: [scope], withdrawn: false }],
  'given to another kind': (scope) => [
    { sharedWithAgency: null, sharedWithKind: 'another-kind', scope: [scope], withdrawn: false },
  ],
};
const GIVEN = new Set(['given', 'given to its kind']);

describe('data categories', () => {
  it('gives every field of every SOP a known category (the field’s, its form’s or its compartment’s)', () => {
    const unknown = everyField()
      .map((f) => ({ at: `${f.sop}.${f.form}.${f.field}`, category: fieldCategory(f.spec, f.field, f.compartment) }))
      .filter((f) => !(DATA_CATEGORIES as readonly string[]).includes(f.category));
    expect(unknown).toEqual([]);
  });

  it('classifies the police’s intelligence, health, family and free-text notes about a person', () => {
    const jo = SOPS.find((s) => s.id === 'joint-operation')!;
    const form = (id: string) => jo.steps.find((s) => s.id === id)!.form;
    expect(fieldCategory(form('deploy-operation'), 'intelligenceNote', 'inspection')).toBe('operational-intelligence');
    expect(fieldCategory(form('risk-assessment'), 'healthConcern', 'protection')).toBe('health');
    expect(fieldCategory(form('risk-assessment'), 'riskFromFamily', 'protection')).toBe('family');
    expect(fieldCategory(form('risk-assessment'), 'overallRisk', 'protection')).toBe('counselling');
    // A note (no form) or a personal free-text field in protection is the person's story.
    expect(fieldCategory(undefined, 'text', 'protection')).toBe('story');
    expect(fieldCategory(form('rights-information'), 'note', 'protection')).toBe('story');
    expect(fieldCategory(undefined, 'text', 'intake')).toBe('case');
  });

  // The matrix, generated from the declarations: every SOP × field × the kinds of its slots (and enforcement and
  // NGO readers) × consent state × reader position (another agency, the recording agency, the lead).
  it('decides every field for every reader kind, consent state and position as the category rules say', () => {
    const kinds = new Set<string>([...ENFORCEMENT_KINDS, 'ngo']);
    for (const sop of SOPS) for (const p of Object.values(sop.participants)) kinds.add(p.kind);
    let decided = 0;
    const wrong: string[] = [];
    for (const f of everyField()) {
      const category = fieldCategory(f.spec, f.field, f.compartment);
      const rule = CATEGORY_RULES[category];
      for (const kind of kinds) {
        const keptFromKind =
          (rule.onlyKinds && !rule.onlyKinds.includes(kind)) || (rule.neverKinds && rule.neverKinds.includes(kind));
        for (const [state, consents] of Object.entries(CONSENT_STATES)) {
          for (const position of ['other', 'recorder', 'lead'] as const) {
            const reader = { agencyId: READER, kinds: [kind], lead: position === 'lead' };
            const recordedBy = position === 'recorder' ? READER : RECORDER;
            const got = categoryWithheld(category, reader, recordedBy, consents(rule.consentScope ?? 'identity', kind));
            const expected = keptFromKind
              ? rule.onlyKinds
                ? 'police-only'
                : 'not-for-enforcement'
              : rule.consentScope && position === 'other' && !GIVEN.has(state)
                ? 'no-consent'
                : undefined;
            decided += 1;
            if (got !== expected)
              wrong.push(`${f.sop}.${f.form}.${f.field} (${category}) ${kind}/${position}/${state}: ${got}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // The size of the matrix: every field of the seven SOPs, for each kind, consent state and position.
    expect(decided).toBeGreaterThan(20_000);
  });

  it('withholds field by field: the rest of the record stays readable, each withheld field says why', () => {
    const form: FormSpec = {
      fields: {
        overallRisk: { type: 'enum', label: 'Risk', options: ['low', 'high'] },
        healthConcern: { type: 'boolean', label: 'Health', category: 'health' },
      },
    };
    const data = { overallRisk: 'high', healthConcern: true, text: 'a note' };
    const reader = { agencyId: READER, kinds: ['ngo'] };
    expect(scopeRecordData(form, 'protection', data, reader, RECORDER, [])).toEqual({
      data: { overallRisk: 'high' },
      withheld: [
        { field: 'healthConcern', category: 'health', reason: 'no-consent' },
        { field: 'text', category: 'story', reason: 'no-consent' },
      ],
    });
    const consents = [{ sharedWithAgency: READER, scope: ['health'], withdrawn: false }];
    expect(scopeRecordData(form, 'protection', data, reader, RECORDER, consents).data).toEqual({
      overallRisk: 'high',
      healthConcern: true,
    });
    // The police: counselling and the story never, whatever the consent; health only as the consent names them.
    const police = { agencyId: READER, kinds: ['police'] };
    expect(scopeRecordData(form, 'protection', data, police, RECORDER, consents)).toEqual({
      data: { healthConcern: true },
      withheld: [
        { field: 'overallRisk', category: 'counselling', reason: 'not-for-enforcement' },
        { field: 'text', category: 'story', reason: 'not-for-enforcement' },
      ],
    });
  });
});

describe('consent per person', () => {
  const reader = { agencyId: 'ngo-b', kinds: ['ngo'] };
  const consent = (subject: string | null) => ({
    subject,
    sharedWithAgency: 'ngo-b',
    scope: ['exploitation-form'],
    withdrawn: false,
  });

  it("opens a person's record only with that person's consent, or one given for no one person", () => {
    const story = { text: 'a note about one person' };
    const scoped = (subject: string | null, given: string | null) =>
      scopeRecordData(undefined, 'protection', story, reader, 'ngo-a', [consent(given)], subject).withheld.length;
    expect(scoped('W1', 'W1')).toBe(0);
    expect(scoped('W2', 'W1')).toBe(1);
    expect(scoped('W2', null)).toBe(0);
    expect(scoped(null, 'W1')).toBe(0);
    expect(consentCoversSubject({ subject: 'W1' }, 'W2')).toBe(false);
  });
});

describe('an agency that reads a person’s records only under that person’s consent', () => {
  const socialProtection = { agencyId: 'sp', kinds: ['municipality'], personDataOnConsent: true };
  const needs = { needsAccommodation: true, note: 'what the worker said' };
  const form: FormSpec = {
    fields: {
      needsAccommodation: { type: 'boolean', label: 'Needs accommodation', category: 'counselling' },
      note: { type: 'text', label: 'Note', category: 'story' },
    },
  };
  const consentFor = (subject: string, withdrawn = false) => ({
    subject,
    sharedWithAgency: 'sp',
    scope: ['needs-and-risks'],
    withdrawn,
  });
  const scoped = (subject: string | null, consents: CategoryConsent[], recordedBy = 'unit') =>
    scopeRecordData(form, 'protection', needs, socialProtection, recordedBy, consents, subject);

  it('withholds every field of a worker who gave no consent, even those no category rule keeps', () => {
    const declined = scoped('W2', [consentFor('W1')]);
    expect(declined.data).toEqual({});
    expect(declined.withheld.map((w) => [w.field, w.reason])).toEqual([
      ['needsAccommodation', 'no-consent'],
      ['note', 'no-consent'],
    ]);
  });

  it('reads the consenting worker’s case-level fields, its own records, and nothing after a withdrawal', () => {
    expect(scoped('W1', [consentFor('W1')]).data).toEqual({ needsAccommodation: true });
    expect(scoped('W2', [], 'sp').data).toEqual(needs);
    expect(scoped('W1', [consentFor('W1', true)]).data).toEqual({});
    // A record about no one person (the case) is read as the category rules say.
    expect(scoped(null, []).data).toEqual({ needsAccommodation: true });
  });
});
