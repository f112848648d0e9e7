import { SOPS } from '@waymark/workflows/sops';
import { signInAgencies } from './sign-in-options';

describe('sign-in choices of the embedded default', () => {
  const agencies = signInAgencies(SOPS);
  const rolesOf = (id: string) => agencies.find((a) => a.id === id)?.roles;
  const STAFF = ['data-protection-officer', 'auditor', 'operator'];

  it("offers every SOP's default agencies with the roles their steps and events name, plus oversight roles", () => {
    expect(rolesOf('venice-cau')).toEqual([
      'coordinator',
      'cultural-mediator',
      'social-worker',
      'supervisor',
      'manager',
      ...STAFF,
    ]);
    expect(rolesOf('venice-labour-inspectorate')).toEqual(['labour-inspector', 'supervisor', 'manager', ...STAFF]);
    expect(rolesOf('demo-a')).toEqual(['caseworker', 'supervisor', 'manager', ...STAFF]);
    const defaults = new Set(SOPS.flatMap((s) => Object.values(s.participants).map((p) => p.defaultAgency)));
    expect(agencies.map((a) => a.id).sort()).toEqual([...defaults].filter(Boolean).sort());
  });

  it('includes the roles that may only report events', () => {
    const reporters = SOPS.flatMap((s) =>
      (s.events ?? []).flatMap((e) =>
        e.reporters.map((r) => [s.participants[r.slot]?.defaultAgency, r.roles] as const),
      ),
    );
    expect(reporters.length).toBeGreaterThan(0);
    for (const [agency, roles] of reporters)
      if (agency)
        for (const role of roles) expect([agency, rolesOf(agency)]).toEqual([agency, expect.arrayContaining([role])]);
  });

  it('offers the staff roles the API gives work to in every agency, never platform-admin', () => {
    for (const a of agencies) {
      expect([a.id, a.roles.filter((r) => STAFF.includes(r))]).toEqual([a.id, STAFF]);
      expect([a.id, a.roles.includes('platform-admin')]).toEqual([a.id, false]);
      expect([a.id, new Set(a.roles).size]).toEqual([a.id, a.roles.length]);
    }
  });
});
