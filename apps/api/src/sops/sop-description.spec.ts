import { DEMO_HANDOFF_SOP } from '@waymark/workflows/demo-handoff/demo-handoff.sop';
import { SOPS } from '@waymark/workflows/sops';
import { CONSENT_PURPOSES, CONSENT_SCOPES } from '@waymark/contracts';
import { describeSop, mermaidFor } from './sop-description';

describe('SOP descriptions', () => {
  it('draws the state diagram from the declared transitions', () => {
    const diagram = mermaidFor(DEMO_HANDOFF_SOP);
    expect(diagram.split('\n')[0]).toBe('stateDiagram-v2');
    expect(diagram).toContain('[*] --> review_intake');
    expect(diagram).toContain('review_intake --> record_outcome');
    expect(diagram).toContain('record_outcome --> resolved: outcome = resolved');
    expect(diagram).toContain('resolved --> [*]');
  });

  it('publishes a JSON Schema for every step form', () => {
    const d = describeSop(DEMO_HANDOFF_SOP);
    expect(d.steps[0].form).toMatchObject({ type: 'object', additionalProperties: false, required: ['ready'] });
    expect(d.seedFile).toBe('seed/000_da4da5927a6bd266.txt');
  });

  describe.each(SOPS.map((s) => [s.id, s] as const))('%s', (_id, sop) => {
    const stepIds = new Set(sop.steps.map((s) => s.id));
    const endIds = new Set(sop.endStates.map((e) => e.id));

    it('declares steps and end states', () => {
      expect(sop.steps.length).toBeGreaterThan(0);
      expect(sop.endStates.length).toBeGreaterThan(0);
    });

    it('cites the seed on every step and event', () => {
      for (const step of sop.steps) expect(step.seed.length).toBeGreaterThan(0);
      for (const event of sop.events ?? []) expect(event.seed.length).toBeGreaterThan(0);
    });

    it('has unique step ids and transitions between known states', () => {
      expect(stepIds.size).toBe(sop.steps.length);
      for (const t of sop.transitions) {
        expect(t.from === 'start' || stepIds.has(t.from)).toBe(true);
        expect(stepIds.has(t.to) || endIds.has(t.to)).toBe(true);
      }
    });

    it('gives every step an actor from a declared participant slot', () => {
      for (const step of sop.steps) {
        expect(Object.keys(sop.participants)).toContain(step.actor.slot);
        expect(step.actor.roles.length).toBeGreaterThan(0);
      }
      for (const event of sop.events ?? []) {
        for (const r of event.reporters) expect(Object.keys(sop.participants)).toContain(r.slot);
      }
    });

    it('names a declared participant and known scopes in every consent gate', () => {
      for (const step of sop.steps.filter((s) => s.requiresConsent)) {
        const gate = step.requiresConsent!;
        expect({ step: step.id, purpose: CONSENT_PURPOSES.includes(gate.purpose) }).toEqual({
          step: step.id,
          purpose: true,
        });
        if (gate.purpose === 'sharing')
          expect({ step: step.id, slot: gate.withSlot! in sop.participants }).toEqual({ step: step.id, slot: true });
        expect({ step: step.id, scope: gate.scope.filter((x) => !CONSENT_SCOPES.includes(x)) }).toEqual({
          step: step.id,
          scope: [],
        });
      }
    });

    it('ends only in declared end states', () => {
      for (const e of sop.events ?? []) if (e.endsCaseAs) expect(endIds.has(e.endsCaseAs)).toBe(true);
    });
  });
});
