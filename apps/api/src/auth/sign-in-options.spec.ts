import { SOPS } from '@waymark/workflows/sops';
import { signInAgencies } from './sign-in-options';

describe('sign-in choices of the embedded default', () => {
  const agencies = signInAgencies(SOPS);
  const rolesOf = (id: string) => agencies.find((a) => a.id === id)?.roles;

  it("offers every SOP's default agencies with the roles their steps and events name, plus oversight roles", () => {
    expect(rolesOf('venice-cau')).toEqual([
      'coordinator',
      'cultural-mediator',
      'social-worker',
      'supervisor',
      'manager',
    ]);
    expect(rolesOf('venice-labour-inspectorate')).toEqual(['labour-inspector', 'supervisor', 'manager']);
    expect(rolesOf('demo-a')).toEqual(['caseworker', 'supervisor', 'manager']);
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
});
