import { durationToMs, formToJsonSchema } from '@waymark/contracts';
import { caseEndState, interviewProblems, personsFound } from './venice-inspection.persons';
import { VENICE_INSPECTION_SOP as SOP } from './venice-inspection.sop';

// The checks every SOP passes (seed lines, transitions, codes not names) are in workflows/sops/declarations.spec.ts;
// these are the Venice SOP's own.

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
