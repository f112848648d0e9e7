import { formToJsonSchema, validateForm, type StepSpec } from '@waymark/contracts';
import { SOPS } from '../sops';
import { JOINT_OPERATION_SOP as SOP, NGO_ROLES, POLICE_ROLES, PSYCHOSOCIAL_STEPS } from './joint-operation.sop';

// The checks every SOP passes (seed lines, transitions, codes not names) are in workflows/sops/declarations.spec.ts.
const step = (id: string): StepSpec => SOP.steps.find((s) => s.id === id)!;

describe('joint-operation declaration', () => {
  it('is registered under its id and workflow type', () => {
    expect(SOPS.filter((s) => s.id === 'joint-operation')).toEqual([SOP]);
    expect(SOP.workflowType).toBe('jointOperationWorkflow');
    expect(SOP.participants.police).toMatchObject({ kind: 'police', defaultAgency: 'mossos-thb-unit' });
    expect(SOP.participants.ngo).toMatchObject({ kind: 'ngo', defaultAgency: 'sicar-cat' });
  });

  it('marks every target inferred: the seed gives no duration, only "as soon as" and "quarterly"', () => {
    const timed = SOP.steps.filter((s) => s.target !== undefined || s.recurs !== undefined);
    expect(timed.length).toBeGreaterThan(5);
    for (const s of timed)
      expect({ step: s.id, seed: s.seed }).toEqual({ step: s.id, seed: expect.arrayContaining(['inferred']) });
    expect(step('rights-information').target).toBe('PT2H');
    expect(step('quarterly-review').recurs).toBe('P90D');
    expect(step('assistance-decision')).toMatchObject({ pausesAgencyClock: true });
    expect(step('assistance-decision').target).toBeUndefined();
  });

  it('gives the psychosocial steps to NGO roles only, never to a police role (rule psychosocial-steps-ngo-only)', () => {
    expect(SOP.rules?.map((r) => r.id)).toContain('psychosocial-steps-ngo-only');
    const psychosocial = SOP.steps.filter((s) => s.phase === 'psychosocial').map((s) => s.id);
    expect(psychosocial).toEqual(expect.arrayContaining([...PSYCHOSOCIAL_STEPS]));
    for (const id of psychosocial) {
      const { actor } = step(id);
      expect({ id, slot: actor.slot }).toEqual({ id, slot: 'ngo' });
      for (const role of actor.roles) expect(NGO_ROLES).toContain(role);
      for (const role of POLICE_ROLES) expect(actor.roles).not.toContain(role);
    }
    // The whole per-person branch is NGO work; the police act on the operation, not on the person.
    for (const s of SOP.steps.filter((x) => x.perPerson))
      expect({ id: s.id, slot: s.actor.slot }).toEqual({ id: s.id, slot: 'ngo' });
    expect(SOP.participants[step('rights-information').actor.slot].kind).toBe('ngo');
  });

  it('never lets the cooperation answer gate assistance (rule assistance-not-conditional-on-cooperation)', () => {
    expect(SOP.rules?.map((r) => r.id)).toContain('assistance-not-conditional-on-cooperation');
    const form = step('assistance-decision').form;
    expect(Object.keys(form.fields)).toEqual(expect.arrayContaining(['assistance', 'cooperationWithPolice']));
    const out = SOP.transitions.filter((t) => t.from === 'assistance-decision');
    expect(out.map((t) => t.to).sort()).toEqual(['arrange-assistance', 'assistance-declined']);
    for (const t of out) expect(t.when).toMatch(/^assistance = /);
    // Every cooperation answer is a valid form with assistance accepted.
    for (const answer of form.fields.cooperationWithPolice.options!) {
      expect(
        validateForm(form, { assistance: 'accepts', cooperationWithPolice: answer, consentRecorded: true }),
      ).toEqual([]);
    }
  });

  it('holds codes, not names, and flags what may describe a person', () => {
    const forms = [SOP.intake, ...SOP.steps.map((s) => s.form), ...(SOP.events ?? []).map((e) => e.form)];
    for (const form of forms) {
      for (const name of Object.keys(form.fields)) expect(name).not.toMatch(/name|address|birth|phone|passport/i);
      expect(formToJsonSchema(form)).toMatchObject({ additionalProperties: false });
    }
    for (const s of SOP.steps.filter((x) => x.perPerson)) {
      for (const [name, field] of Object.entries(s.form.fields)) {
        if (field.type === 'text')
          expect({ step: s.id, name, personal: field.personal }).toEqual({ step: s.id, name, personal: true });
      }
    }
    const decision = step('assistance-decision').form.fields;
    expect(decision.assistance.personal && decision.cooperationWithPolice.personal).toBe(true);
  });

  it('lets police and NGO report a court date for a person code', () => {
    const event = SOP.events!.find((e) => e.type === 'court-date-set')!;
    expect(event.reporters.map((r) => r.slot).sort()).toEqual(['ngo', 'police']);
    expect(event.endsCaseAs).toBeUndefined();
    expect(validateForm(event.form, { person: 'P1', hearingDate: '2025-03-01' })).toEqual([]);
    expect(validateForm(event.form, { person: 'P1' })).toEqual([{ field: 'hearingDate', reason: 'is required' }]);
  });
});
