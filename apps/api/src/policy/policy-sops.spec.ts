import {
  COMPARTMENT_IDS,
  CONSENT_SCOPES_BY_COMPARTMENT,
  SUPERVISOR_ROLES,
  allowedCaseActions,
  caseLead,
  decide,
  defaultParticipants,
  isCompartment,
  splitByCompartment,
  type AgencyKind,
  type SopDefinition,
} from '@waymark/contracts';
import { ACCESS_POLICY, SOPS } from '@waymark/workflows/sops';
import { CONSENT_SCOPES } from '../consents/consent.dto';

/** Can this slot's kind with these roles write the compartment? (Any one role suffices, as for task actors.) */
function canWrite(sop: SopDefinition, slot: string, roles: readonly string[], compartment: string): boolean {
  const kind = sop.participants[slot]?.kind as AgencyKind;
  return (
    isCompartment(compartment) &&
    roles.every(
      (role) =>
        decide(ACCESS_POLICY, { sop: sop.id, compartment, agencyKind: kind, slot, roles: [role], access: 'write' })
          .allowed,
    )
  );
}

describe.each(SOPS.map((s) => [s.id, s] as const))('SOP %s against the access policy', (_id, sop) => {
  it('names a known compartment for its intake, every step, every event and every overriding field', () => {
    expect(isCompartment(sop.intakeCompartment)).toBe(true);
    for (const step of sop.steps) expect([step.id, isCompartment(step.compartment)]).toEqual([step.id, true]);
    for (const event of sop.events ?? [])
      expect([event.type, isCompartment(event.compartment)]).toEqual([event.type, true]);
    const forms = [sop.intake, ...sop.steps.map((s) => s.form), ...(sop.events ?? []).map((e) => e.form)];
    for (const form of forms) {
      for (const [name, field] of Object.entries(form.fields)) {
        if (field.compartment !== undefined) expect([name, isCompartment(field.compartment)]).toEqual([name, true]);
      }
    }
  });

  it("lets every step's actor write each compartment its form writes to", () => {
    for (const step of sop.steps) {
      const targets = new Set([
        step.compartment!,
        ...Object.values(step.form.fields).map((f) => f.compartment ?? step.compartment!),
      ]);
      for (const c of targets)
        expect([step.id, c, canWrite(sop, step.actor.slot, step.actor.roles, c)]).toEqual([step.id, c, true]);
    }
  });

  it('lets every reporter of every event write the compartment the event writes to', () => {
    for (const event of sop.events ?? []) {
      for (const r of event.reporters) {
        const targets = new Set([
          event.compartment!,
          ...Object.values(event.form.fields).map((f) => f.compartment ?? event.compartment!),
        ]);
        for (const c of targets)
          expect([event.type, r.slot, c, canWrite(sop, r.slot, r.roles, c)]).toEqual([event.type, r.slot, c, true]);
      }
    }
  });
});

describe('the access policy', () => {
  it('names only SOPs, slots and compartments that exist, and roles some SOP uses', () => {
    const sopIds = new Set(SOPS.map((s) => s.id));
    const roles = new Set(
      SOPS.flatMap((s) => [
        ...s.steps.flatMap((st) => st.actor.roles),
        ...(s.events ?? []).flatMap((e) => e.reporters.flatMap((r) => r.roles)),
      ]),
    );
    for (const rule of ACCESS_POLICY.rules) {
      if (rule.sops !== '*') for (const id of rule.sops) expect([rule.id, sopIds.has(id)]).toEqual([rule.id, true]);
      for (const c of rule.compartments) expect([rule.id, isCompartment(c)]).toEqual([rule.id, true]);
      if (rule.roles !== '*')
        for (const r of rule.roles) expect([rule.id, r, roles.has(r)]).toEqual([rule.id, r, true]);
      const ruleSops = SOPS.filter((s) => rule.sops === '*' || rule.sops.includes(s.id));
      for (const slot of rule.slots ?? []) {
        expect([rule.id, slot, ruleSops.some((s) => slot in s.participants)]).toEqual([rule.id, slot, true]);
      }
      if (rule.requiresConsent) {
        expect(rule.effect).toBe('allow');
        for (const c of rule.compartments)
          expect([rule.id, c, CONSENT_SCOPES_BY_COMPARTMENT[c].length > 0]).toEqual([rule.id, c, true]);
      }
    }
  });

  it('maps compartments only to consent scopes the consent records know', () => {
    for (const c of COMPARTMENT_IDS) {
      for (const s of CONSENT_SCOPES_BY_COMPARTMENT[c])
        expect((CONSENT_SCOPES as readonly string[]).includes(s)).toBe(true);
    }
  });

  it('keeps Venice inspection roles from protection data and protection roles from the inspection record (seed L1618-L1621)', () => {
    const venice = SOPS.find((s) => s.id === 'venice-inspection')!;
    const rolesIn = (phase: string) =>
      venice.steps.filter((s) => s.phase === phase).map((s) => [s.actor.slot, s.actor.roles] as const);
    for (const [phase, hidden] of [
      ['inspection', ['protection', 'identity']],
      ['protection', ['inspection']],
    ] as const) {
      for (const [slot, roles] of rolesIn(phase)) {
        for (const role of roles) {
          for (const c of hidden) {
            const d = decide(ACCESS_POLICY, {
              sop: venice.id,
              compartment: c,
              agencyKind: venice.participants[slot].kind,
              slot,
              roles: [role],
              access: 'read',
            });
            expect([role, c, d.allowed]).toEqual([role, c, false]);
          }
        }
      }
    }
  });

  it('never lets the police read protection in a joint operation, whatever the role', () => {
    for (const role of ['police-officer', 'police-coordinator', 'ngo-professional']) {
      expect(
        decide(ACCESS_POLICY, {
          sop: 'joint-operation',
          compartment: 'protection',
          agencyKind: 'police',
          roles: [role],
          access: 'read',
        }).allowed,
      ).toBe(false);
    }
    expect(
      decide(ACCESS_POLICY, {
        sop: 'joint-operation',
        compartment: 'protection',
        agencyKind: 'ngo',
        roles: ['ngo-professional'],
        access: 'read',
      }).allowed,
    ).toBe(true);
  });

  it('splits form values into the compartment each field declares', () => {
    const avr = SOPS.find((s) => s.id === 'assisted-return')!;
    expect(
      splitByCompartment(avr.intake, avr.intakeCompartment!, { isMinor: false, nationality: 'RO', gender: 'female' }),
    ).toEqual({
      intake: { isMinor: false },
      identity: { nationality: 'RO', gender: 'female' },
    });
  });
});

describe.each(SOPS.map((s) => [s.id, s] as const))('SOP %s: case-level actions', (_id, sop) => {
  const lead = caseLead(sop);
  const participants = defaultParticipants(sop);
  const leadAgency = participants[lead.slot]!;

  it('declares a lead slot that every case fills, with coordinator roles the SOP gives that slot', () => {
    expect(sop.lead?.slot).toBe(lead.slot);
    expect(sop.participants[lead.slot]?.onlyWhen).toBeUndefined();
    expect(leadAgency).toBeDefined();
    const slotRoles = new Set([
      ...sop.steps.filter((s) => s.actor.slot === lead.slot).flatMap((s) => s.actor.roles),
      ...(sop.participants[lead.slot]?.supervisorRoles ?? SUPERVISOR_ROLES),
    ]);
    for (const role of lead.coordinatorRoles) expect([role, slotRoles.has(role)]).toEqual([role, true]);
  });

  it("lets only the lead agency's coordinators cancel, change participants and link, and its data-protection officer erase", () => {
    const may = (agencyId: string, role: string) =>
      allowedCaseActions(ACCESS_POLICY.caseActions, sop, participants, { agencyId, roles: [role] });
    for (const role of lead.coordinatorRoles)
      expect([role, may(leadAgency, role)]).toEqual([role, ['case:cancel', 'case:change-participants', 'case:link']]);
    expect(may(leadAgency, 'data-protection-officer')).toEqual(['case:erase']);
    for (const role of ['auditor', 'operator', 'caseworker']) expect([role, may(leadAgency, role)]).toEqual([role, []]);
    for (const [slot, agency] of Object.entries(participants)) {
      if (agency === leadAgency) continue;
      for (const role of [...lead.coordinatorRoles, ...SUPERVISOR_ROLES, 'data-protection-officer'])
        expect([slot, role, may(agency, role)]).toEqual([slot, role, []]);
    }
  });
});
