import { durationToMs, formToJsonSchema, type StepSpec } from '@waymark/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { caseEndState, interviewProblems, personsFound } from './person-codes';
import { VENICE_INSPECTION_SOP as SOP } from './venice-inspection.sop';

// The seed sits beside the project (../shared); where it is not checked out, use its known length (7,871 lines).
const SEED = resolve(__dirname, '../../../shared/seed/000_da4da5927a6bd266.txt');
const SEED_LINES = existsSync(SEED) ? readFileSync(SEED, 'utf8').split('\n').length : 7871;

/** Every (slot, role) pair, and every bare role name, that acts in steps of a phase. */
function actorsIn(phase: string): { pairs: Set<string>; roles: Set<string> } {
  const steps = SOP.steps.filter((s) => s.phase === phase);
  return {
    pairs: new Set(steps.flatMap((s) => s.actor.roles.map((r) => `${s.actor.slot}:${r}`))),
    roles: new Set(steps.flatMap((s) => s.actor.roles)),
  };
}

describe('venice-inspection declaration', () => {
  it('keeps inspection and protection roles apart (L1618-L1621)', () => {
    expect(SOP.rules?.map((r) => r.id)).toContain('inspection-protection-separation');
    const inspection = actorsIn('inspection');
    const protection = actorsIn('protection');
    expect(inspection.roles.size).toBeGreaterThan(0);
    expect(protection.roles.size).toBeGreaterThan(0);
    // By bare role name (stricter than per agency): a role of either phase never acts in the other.
    expect([...inspection.roles].filter((r) => protection.roles.has(r))).toEqual([]);
    expect([...protection.roles].filter((r) => inspection.roles.has(r))).toEqual([]);
    expect([...inspection.pairs].filter((p) => protection.pairs.has(p))).toEqual([]);
    // Social workers (of any agency) never act during the inspection.
    expect([...inspection.roles]).not.toContain('social-worker');
    expect([...protection.roles]).toEqual(
      expect.arrayContaining(['social-worker', 'coordinator', 'protection-officer', 'shelter-worker']),
    );
  });

  it('puts every step in a phase, with an actor slot that exists and a target that parses', () => {
    for (const step of SOP.steps) {
      expect([step.id, step.phase]).toEqual([step.id, expect.stringMatching(/^(planning|inspection|protection)$/)]);
      expect(Object.keys(SOP.participants)).toContain(step.actor.slot);
      expect(step.actor.roles.length).toBeGreaterThan(0);
      expect(durationToMs(step.target!)).toBeGreaterThan(0);
    }
    expect(new Set(SOP.steps.map((s) => s.id)).size).toBe(SOP.steps.length);
  });

  it('cites seed lines inside the seed, or says inferred, for every step and end state', () => {
    const refs = [...SOP.steps.flatMap((s: StepSpec) => s.seed), ...SOP.endStates.flatMap((e) => e.seed ?? [])];
    for (const ref of refs) {
      if (ref === 'inferred') continue;
      const m = /^L(\d+)(?:-L(\d+))?$/.exec(ref);
      expect(m).not.toBeNull();
      const [from, to] = [Number(m![1]), Number(m![2] ?? m![1])];
      expect(from).toBeLessThanOrEqual(to);
      expect(to).toBeLessThanOrEqual(SEED_LINES);
    }
    for (const step of SOP.steps) {
      expect(step.seed.length).toBeGreaterThan(0);
      // A step that is partly inferred says so in its description.
      if (step.seed.includes('inferred')) expect(step.description).toMatch(/inferred/);
    }
  });

  it('marks only per-person steps for the worker and child branches', () => {
    const perPerson = SOP.steps.filter((s) => s.perPerson).map((s) => s.id);
    expect(perPerson).toEqual([
      'preliminary-needs-assessment',
      'information-and-counselling',
      'identification-decision',
      'referral-to-social-protection',
      'child-assessment',
      'family-conditions-assessment',
      'child-shelter-placement',
    ]);
  });

  it('draws transitions only between declared steps and end states, reaching every one', () => {
    const nodes = new Set(['start', ...SOP.steps.map((s) => s.id), ...SOP.endStates.map((e) => e.id)]);
    for (const t of SOP.transitions) {
      expect(nodes).toContain(t.from);
      expect(nodes).toContain(t.to);
    }
    const reached = new Set(SOP.transitions.map((t) => t.to));
    for (const id of [...SOP.steps.map((s) => s.id), ...SOP.endStates.map((e) => e.id)]) {
      if (id !== 'cancelled') expect([id, reached.has(id)]).toEqual([id, true]);
    }
  });

  it('asks for no names: no field is called a name, and free text is marked personal', () => {
    const forms = [SOP.intake, ...SOP.steps.map((s) => s.form)];
    for (const form of forms) {
      for (const [name, field] of Object.entries(form.fields)) {
        expect(name).not.toMatch(/name|surname|birth|address|phone/i);
        if (field.type === 'text') expect([name, field.personal]).toEqual([name, true]);
      }
      expect(formToJsonSchema(form).additionalProperties).toBe(false);
    }
    expect(SOP.intake.fields.triggerType.options).toEqual([
      'labour-investigation',
      'police-investigation',
      'hotline-call',
      'anonymous-letter',
      'word-of-mouth',
      'other',
    ]);
  });
});

describe('interview record checks', () => {
  const ok = { workersInterviewed: 3, vulnerableWorkerCodes: ['W1', 'W2'], childrenFound: true, childCodes: ['C1'] };

  it('accepts codes and counts that add up', () => {
    expect(interviewProblems(ok)).toEqual([]);
    expect(personsFound(ok)).toEqual({ vulnerable: ['W1', 'W2'], children: ['C1'], notVulnerable: 1 });
    expect(interviewProblems({ workersInterviewed: 0, childrenFound: false })).toEqual([]);
  });

  it('refuses names, duplicates and counts that do not add up', () => {
    expect(interviewProblems({ ...ok, vulnerableWorkerCodes: ['worker 1'] })).toEqual(['worker-code-format']);
    expect(interviewProblems({ ...ok, vulnerableWorkerCodes: ['W01'] })).toEqual(['worker-code-format']);
    expect(interviewProblems({ ...ok, childCodes: ['W3'] })).toEqual(['child-code-format']);
    expect(interviewProblems({ ...ok, vulnerableWorkerCodes: ['W1', 'W1'] })).toEqual(['duplicate-code']);
    expect(interviewProblems({ ...ok, workersInterviewed: 1 })).toEqual(['more-vulnerable-than-interviewed']);
    expect(interviewProblems({ ...ok, childrenFound: false })).toEqual(['children-flag-mismatch']);
    expect(interviewProblems({ ...ok, childCodes: [] })).toEqual(['children-flag-mismatch']);
  });

  it('ends the case on the strongest worker outcome', () => {
    expect(caseEndState([])).toBe('closed-no-vulnerable-workers');
    expect(caseEndState(['closed-counselled-not-identified'])).toBe('closed-counselled-not-identified');
    expect(caseEndState(['closed-counselled-not-identified', 'closed-referral-declined'])).toBe(
      'closed-referral-declined',
    );
    expect(caseEndState(['closed-referral-declined', 'closed-referred-to-social-protection'])).toBe(
      'closed-referred-to-social-protection',
    );
  });
});
