import {
  AGENCY_KINDS,
  COMPARTMENTS,
  PERSON_OUTCOMES,
  dataDeadlineDeclarationErrors,
  durationToMs,
  formToJsonSchema,
  startsCaseProblems,
  type FormSpec,
  type SopDefinition,
} from '@waymark/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as workflowTypes from '..';
import { SOPS } from '.';

/**
 * The checks every SOP declaration must pass, written once and run over every SOP the engine registers: a new SOP
 * gets them by being added to `SOPS` (docs/adding-an-sop.md). What is particular to one SOP (its separations, its
 * branches) stays in that SOP's own spec.
 */

// The seed sits beside the project (../shared); where it is not checked out, use its known length (7,871 lines).
const SEED = resolve(__dirname, '../../../shared/seed/000_da4da5927a6bd266.txt');
const SEED_LINES = existsSync(SEED) ? readFileSync(SEED, 'utf8').split('\n').length : 7871;
const COMPARTMENT_IDS: readonly string[] = COMPARTMENTS.map((c) => c.id);

/** A seed reference is `L<n>` or `L<n>-L<m>` inside the seed, or the word `inferred`. */
export function seedRefProblem(ref: string): string | undefined {
  if (ref === 'inferred') return undefined;
  const m = /^L(\d+)(?:-L(\d+))?$/.exec(ref);
  if (!m) return `"${ref}" is neither L<n>, L<n>-L<m> nor inferred`;
  const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
  if (from < 1 || to < from) return `${ref} is not a range`;
  if (to > SEED_LINES) return `${ref} ends after the seed's last line (${SEED_LINES})`;
  return undefined;
}

function formsOf(sop: SopDefinition): { where: string; form: FormSpec }[] {
  return [
    { where: 'intake', form: sop.intake },
    ...sop.steps.map((s) => ({ where: `step ${s.id}`, form: s.form })),
    ...(sop.events ?? []).map((e) => ({ where: `event ${e.type}`, form: e.form })),
  ];
}

describe.each(SOPS.map((sop) => [sop.id, sop] as const))('SOP declaration %s', (id, sop) => {
  it('is registered once, under a workflow type the worker registers', () => {
    expect(SOPS.filter((s) => s.id === id)).toHaveLength(1);
    expect(typeof (workflowTypes as Record<string, unknown>)[sop.workflowType]).toBe('function');
    expect(sop.version).toBeGreaterThanOrEqual(1);
    expect(sop.title.length).toBeGreaterThan(0);
  });

  it('cites seed lines inside the seed, or says inferred, on the SOP and every step, event, rule and end state', () => {
    const cited: { where: string; seed: readonly string[] }[] = [
      { where: 'sop', seed: sop.seed },
      ...sop.steps.map((s) => ({ where: `step ${s.id}`, seed: s.seed })),
      ...(sop.events ?? []).map((e) => ({ where: `event ${e.type}`, seed: e.seed })),
      ...(sop.rules ?? []).map((r) => ({ where: `rule ${r.id}`, seed: r.seed })),
      ...sop.endStates.filter((e) => e.seed).map((e) => ({ where: `end state ${e.id}`, seed: e.seed! })),
      ...Object.entries(sop.participants)
        .filter(([, p]) => p.changeable)
        .map(([slot, p]) => ({ where: `changeable slot ${slot}`, seed: p.changeable!.seed })),
      ...(sop.dataDeadlines ?? []).map((d) => ({ where: `data deadline ${d.id}`, seed: d.seed })),
    ];
    const problems = cited.flatMap(({ where, seed }) => [
      ...(seed.length === 0 ? [`${where}: cites nothing`] : []),
      ...seed.map(seedRefProblem).flatMap((p) => (p ? [`${where}: ${p}`] : [])),
    ]);
    expect(problems).toEqual([]);
    // A step inferred whole says so in its description, unless the whole SOP is (the demo encodes no procedure).
    const wholeSopInferred = sop.seed.length === 1 && sop.seed[0] === 'inferred';
    for (const step of sop.steps.filter((s) => !wholeSopInferred && s.seed.length === 1 && s.seed[0] === 'inferred'))
      expect({ step: step.id, description: step.description }).toEqual({
        step: step.id,
        description: expect.stringMatching(/infer/i),
      });
  });

  it('names participant slots of known kinds, and every actor, reporter and the lead fill a declared slot', () => {
    const slots = Object.keys(sop.participants);
    for (const [slot, p] of Object.entries(sop.participants))
      expect({ slot, kinds: [p.kind, ...(p.alsoKinds ?? [])].filter((k) => !AGENCY_KINDS.includes(k)) }).toEqual({
        slot,
        kinds: [],
      });
    const actors = [
      ...sop.steps.map((s) => ({ where: `step ${s.id}`, ...s.actor })),
      ...(sop.events ?? []).flatMap((e) => e.reporters.map((r) => ({ where: `event ${e.type}`, ...r }))),
    ];
    if (sop.lead)
      expect({ lead: sop.lead.slot, declared: slots.includes(sop.lead.slot) }).toEqual({
        lead: sop.lead.slot,
        declared: true,
      });
    for (const a of actors) {
      expect({ where: a.where, slot: slots.includes(a.slot) }).toEqual({ where: a.where, slot: true });
      expect({ where: a.where, roles: a.roles.length > 0 }).toEqual({ where: a.where, roles: true });
    }
  });

  it('declares its own access rules beside it, over its own slots and kinds', () => {
    expect(sop.access?.length ?? 0).toBeGreaterThan(0);
    const kinds = new Set(Object.values(sop.participants).flatMap((p) => [p.kind, ...(p.alsoKinds ?? [])]));
    for (const rule of sop.access ?? []) {
      for (const slot of rule.slots ?? [])
        expect({ rule: rule.id, slot, declared: slot in sop.participants }).toEqual({
          rule: rule.id,
          slot,
          declared: true,
        });
      if (rule.agencyKinds !== '*')
        for (const kind of rule.agencyKinds)
          expect({ rule: rule.id, kind, fills: kinds.has(kind) }).toEqual({ rule: rule.id, kind, fills: true });
    }
  });

  it('has unique step and event ids, targets that parse, and known compartments', () => {
    expect(new Set(sop.steps.map((s) => s.id)).size).toBe(sop.steps.length);
    const events = (sop.events ?? []).map((e) => e.type);
    expect(new Set(events).size).toBe(events.length);
    const durations = [
      ...sop.steps.flatMap((s) => [s.target, s.recurs, s.escalation?.every].filter((d): d is string => !!d)),
      ...(sop.escalation ? [sop.escalation.every] : []),
    ];
    for (const d of durations) expect({ d, ms: durationToMs(d) > 0 }).toEqual({ d, ms: true });
    const compartments = [
      sop.intakeCompartment,
      ...sop.steps.map((s) => s.compartment),
      ...(sop.events ?? []).map((e) => e.compartment),
    ].filter((c): c is NonNullable<typeof c> => c !== undefined);
    for (const c of compartments) expect(COMPARTMENT_IDS).toContain(c);
  });

  it('draws transitions only between declared steps and end states, reaching every one of them', () => {
    const ends = new Set(sop.endStates.map((e) => e.id));
    const nodes = new Set(['start', ...sop.steps.map((s) => s.id), ...ends]);
    for (const t of sop.transitions) {
      expect({ t, from: nodes.has(t.from), to: nodes.has(t.to) }).toEqual({ t, from: true, to: true });
      expect({ t, fromEnd: ends.has(t.from) }).toEqual({ t, fromEnd: false });
    }
    // An end state is reached by a transition or by an event that ends the case (a withdrawal at any point).
    const reached = new Set([
      ...sop.transitions.map((t) => t.to),
      ...(sop.events ?? []).flatMap((e) => (e.endsCaseAs ? [e.endsCaseAs] : [])),
      ...(sop.events ?? []).flatMap((e) => (e.person?.endsAs ? [e.person.endsAs] : [])),
    ]);
    for (const node of [...sop.steps.map((s) => s.id), ...ends].filter((n) => n !== 'cancelled'))
      expect({ node, reached: reached.has(node) }).toEqual({ node, reached: true });
    for (const e of sop.events ?? [])
      if (e.endsCaseAs)
        expect({ event: e.type, endsCaseAs: ends.has(e.endsCaseAs) }).toEqual({ event: e.type, endsCaseAs: true });
  });

  it("routes events about a person by a code field and names every person's outcome", () => {
    const ends = new Map(sop.endStates.map((e) => [e.id, e]));
    for (const e of sop.events ?? []) {
      if (!e.person) continue;
      const field = e.form.fields[e.person.field];
      // A required, patterned code: the branch's workflow id and the timeline carry it.
      expect({ event: e.type, type: field?.type, required: field?.required, pattern: !!field?.pattern }).toEqual({
        event: e.type,
        type: 'string',
        required: true,
        pattern: true,
      });
      expect({ event: e.type, endsCaseAs: e.endsCaseAs }).toEqual({ event: e.type, endsCaseAs: undefined });
      if (e.person.endsAs) {
        const end = ends.get(e.person.endsAs);
        expect({ event: e.type, endsAs: e.person.endsAs, outcome: !!end?.personOutcome }).toEqual({
          event: e.type,
          endsAs: e.person.endsAs,
          outcome: true,
        });
      }
    }
    for (const end of sop.endStates) if (end.personOutcome) expect(PERSON_OUTCOMES).toContain(end.personOutcome);
    // Where a step runs per person, every end state its branch reaches says what became of the person.
    const perPerson = new Set(sop.steps.filter((s) => s.perPerson).map((s) => s.id));
    for (const t of sop.transitions.filter((t) => perPerson.has(t.from) && ends.has(t.to)))
      expect({ end: t.to, outcome: !!ends.get(t.to)!.personOutcome }).toEqual({ end: t.to, outcome: true });
  });

  it('sends a case back only to a decision step it declares, with a limit, and draws the loop-back', () => {
    const steps = new Set(sop.steps.map((s) => s.id));
    for (const e of sop.events ?? []) {
      if (!e.reopens) continue;
      const { step, limit, until } = e.reopens;
      expect({ event: e.type, step: steps.has(step), until: until === undefined || steps.has(until) }).toEqual({
        event: e.type,
        step: true,
        until: true,
      });
      // A round is a new attempt at the decision: at least two, and few enough that a loop is stopped.
      expect({ event: e.type, limit: Number.isInteger(limit) && limit >= 2 && limit <= 10 }).toEqual({
        event: e.type,
        limit: true,
      });
      expect({ event: e.type, drawn: sop.transitions.some((t) => t.to === step && t.from !== 'start') }).toEqual({
        event: e.type,
        drawn: true,
      });
    }
  });

  it('names in its diagram only fields and options its forms have ("field = value" on a transition)', () => {
    const drift: string[] = [];
    for (const t of sop.transitions) {
      const m = /^(\w+) = ([\w-]+)/.exec(t.when ?? '');
      const step = sop.steps.find((s) => s.id === t.from);
      if (!m || !step) continue;
      const field = step.form.fields[m[1]];
      if (!field) drift.push(`${t.from} -> ${t.to}: ${step.id} has no field ${m[1]}`);
      else if (field.type === 'enum' && !(field.options ?? []).includes(m[2]))
        drift.push(`${t.from} -> ${t.to}: ${m[1]} has no option ${m[2]}`);
    }
    for (const e of sop.events ?? []) {
      if (!e.onlyWhen) continue;
      const field = sop.steps.find((s) => s.id === e.onlyWhen!.step)?.form.fields[e.onlyWhen.field];
      if (!field?.options?.includes(e.onlyWhen.equals))
        drift.push(`event ${e.type}: onlyWhen names no option of a form`);
    }
    expect(drift).toEqual([]);
  });

  it('starts follow-on cases only of registered SOPs, carrying fields their intake has, of a fitting type', () => {
    const problems = sop.steps.flatMap((s) => (s.startsCase ? startsCaseProblems(sop, s.id, s.startsCase, SOPS) : []));
    expect(problems).toEqual([]);
    for (const s of sop.steps.filter((st) => st.startsCase)) {
      for (const ref of s.startsCase!.seed)
        expect({ ref, problem: seedRefProblem(ref) }).toEqual({ ref, problem: undefined });
    }
  });

  it('asks for codes, not names: no name, address or phone field, free text marked personal, no extra fields', () => {
    for (const { where, form } of formsOf(sop)) {
      for (const [name, field] of Object.entries(form.fields)) {
        expect({ where, name, looksLikeAName: /name|surname|address|phoneNumber|^phone$/i.test(name) }).toEqual({
          where,
          name,
          looksLikeAName: false,
        });
        if (field.type === 'text')
          expect({ where, name, personal: field.personal }).toEqual({ where, name, personal: true });
      }
      expect({ where, additional: formToJsonSchema(form).additionalProperties }).toEqual({ where, additional: false });
    }
  });

  it('declares data deadlines on date fields, steps and durations it has, and notAfter only naming them', () => {
    expect(dataDeadlineDeclarationErrors(sop)).toEqual([]);
  });
});
