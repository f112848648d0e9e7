import { buildAccessPolicy, decide, type AccessPolicy, type ConsentFact } from './policy';
import { decideInCase, effectiveView } from './policy-in-case';
import type { SopDefinition } from './sop.contract';

const tiny: AccessPolicy = {
  ...buildAccessPolicy([]),
  rules: [
    {
      id: 'all-read-intake',
      effect: 'allow',
      sops: '*',
      compartments: ['intake'],
      agencyKinds: '*',
      roles: '*',
      access: ['read'],
      text: '',
      seed: [],
    },
    {
      id: 'ngo-protection',
      effect: 'allow',
      sops: ['s'],
      compartments: ['protection'],
      agencyKinds: ['ngo'],
      roles: ['worker'],
      access: ['read', 'write'],
      text: '',
      seed: [],
    },
    {
      id: 'no-police',
      effect: 'deny',
      sops: ['s'],
      compartments: ['protection'],
      agencyKinds: ['police'],
      roles: '*',
      access: ['read', 'write'],
      text: '',
      seed: [],
    },
    {
      id: 'police-protection',
      effect: 'allow',
      sops: ['s'],
      compartments: ['protection'],
      agencyKinds: ['police'],
      roles: ['officer'],
      access: ['read'],
      text: '',
      seed: [],
    },
    {
      id: 'origin-with-consent',
      effect: 'allow',
      sops: ['s'],
      compartments: ['identity'],
      agencyKinds: ['ngo'],
      slots: ['origin'],
      roles: ['worker'],
      access: ['read'],
      requiresConsent: { purpose: 'sharing' },
      text: '',
      seed: [],
    },
  ],
};

const base = { sop: 's', agencyKind: 'ngo' as const, roles: ['worker'], access: 'read' as const };

describe('decide', () => {
  it('allows what an allow rule grants and names the rule', () => {
    expect(decide(tiny, { ...base, compartment: 'protection' })).toMatchObject({
      allowed: true,
      rule: 'ngo-protection',
    });
    expect(decide(tiny, { ...base, compartment: 'intake', agencyKind: 'consulate', roles: ['anyone'] }).allowed).toBe(
      true,
    );
  });

  it('denies by default when no rule matches sop, compartment, kind, role or access', () => {
    expect(decide(tiny, { ...base, compartment: 'return' })).toEqual({ allowed: false, reason: 'no rule grants it' });
    expect(decide(tiny, { ...base, sop: 'other', compartment: 'protection' }).allowed).toBe(false);
    expect(decide(tiny, { ...base, compartment: 'protection', roles: ['visitor'] }).allowed).toBe(false);
    expect(decide(tiny, { ...base, compartment: 'intake', access: 'write' }).allowed).toBe(false);
  });

  it('lets a deny rule win over a matching allow rule', () => {
    expect(
      decide(tiny, { ...base, agencyKind: 'police', roles: ['officer'], compartment: 'protection' }),
    ).toMatchObject({
      allowed: false,
      rule: 'no-police',
    });
  });

  it('grants a consent-conditioned read only under an active sharing consent naming the agency and the scope', () => {
    const req = { ...base, compartment: 'identity' as const, slot: 'origin', agencyId: 'origin-ngo' };
    const consent: ConsentFact = {
      purpose: 'sharing',
      sharedWithAgency: 'origin-ngo',
      scope: ['identity', 'travel'],
      withdrawn: false,
    };
    expect(decide(tiny, req)).toMatchObject({ allowed: false, needsConsent: true });
    expect(decide(tiny, { ...req, consents: [consent] })).toMatchObject({ allowed: true, rule: 'origin-with-consent' });
    expect(decide(tiny, { ...req, consents: [{ ...consent, withdrawn: true }] }).allowed).toBe(false);
    expect(decide(tiny, { ...req, consents: [{ ...consent, sharedWithAgency: 'someone-else' }] }).allowed).toBe(false);
    expect(decide(tiny, { ...req, consents: [{ ...consent, scope: ['travel'] }] }).allowed).toBe(false);
    expect(decide(tiny, { ...req, consents: [{ ...consent, purpose: 'return' }] }).allowed).toBe(false);
    // The rule is narrowed to the origin slot: the same kind in another slot gets nothing.
    expect(decide(tiny, { ...req, slot: 'destination', consents: [consent] }).allowed).toBe(false);
  });

  it('counts a consent naming the kind of agency, and no consent past its end', () => {
    const req = { ...base, compartment: 'identity' as const, slot: 'origin', agencyId: 'origin-ngo' };
    const byKind: ConsentFact = {
      purpose: 'sharing',
      sharedWithAgency: null,
      sharedWithKind: base.agencyKind,
      scope: ['identity'],
      withdrawn: false,
    };
    expect(decide(tiny, { ...req, consents: [byKind] }).allowed).toBe(true);
    expect(decide(tiny, { ...req, consents: [{ ...byKind, sharedWithKind: 'consulate' }] }).allowed).toBe(false);
    const future = new Date(Date.now() + 864e5).toISOString();
    expect(decide(tiny, { ...req, consents: [{ ...byKind, validUntil: future }] }).allowed).toBe(true);
    expect(decide(tiny, { ...req, consents: [{ ...byKind, validUntil: '2020-01-01T00:00:00Z' }] }).allowed).toBe(false);
  });
});

describe('decideInCase', () => {
  const sop = {
    id: 's',
    participants: { a: { kind: 'police', label: 'A' }, b: { kind: 'ngo', label: 'B' } },
  } as unknown as SopDefinition;

  it('uses the kind of each slot the caller fills and allows when any slot does', () => {
    const both = { a: 'x', b: 'x' };
    expect(decideInCase(tiny, sop, both, { agencyId: 'x', roles: ['worker'] }, 'protection', 'write').allowed).toBe(
      true,
    );
    expect(
      decideInCase(tiny, sop, { a: 'x', b: 'y' }, { agencyId: 'x', roles: ['worker'] }, 'protection', 'write').allowed,
    ).toBe(false);
  });

  it('gives an agency outside the case nothing', () => {
    expect(
      decideInCase(tiny, sop, { a: 'x', b: 'y' }, { agencyId: 'z', roles: ['worker'] }, 'intake', 'read'),
    ).toMatchObject({
      allowed: false,
      reason: 'your agency takes no part in this case',
    });
  });

  it('gives one read and one write decision per compartment', () => {
    const view = effectiveView(tiny, sop, { a: 'x', b: 'y' }, { agencyId: 'y', roles: ['worker'] });
    expect(Object.keys(view).sort()).toEqual(['identity', 'inspection', 'intake', 'protection', 'return']);
    expect(view.protection.write.allowed).toBe(true);
    expect(view.inspection.read.allowed).toBe(false);
  });
});
