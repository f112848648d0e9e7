import { DomainException, type Actor } from '@waymark/contracts';
import { SOPS } from '@waymark/workflows/sops';
import { monthAligned, resolvePeriod, resolveScope, separatedPhasesOf } from './timeliness-scope';

const actor = (roles: string[], agencyId = 'demo-a'): Actor => ({ sub: 'm', agencyId, roles });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainException ? err.code : 'not-a-domain-exception';
  }
  return undefined;
}

describe('timeliness scope', () => {
  it('lets managers and supervisors in, scoped to their own agency', () => {
    expect(resolveScope(actor(['manager']), { sop: 'demo-handoff' })).toEqual({
      agencyId: 'demo-a',
      sop: 'demo-handoff',
      step: undefined,
      from: undefined,
      before: undefined,
    });
    expect(resolveScope(actor(['caseworker', 'supervisor']), { agencyId: 'demo-a' }).agencyId).toBe('demo-a');
  });

  it('refuses other roles, and another agency, with 403 messages that echo nothing', () => {
    expect(codeOf(() => resolveScope(actor(['caseworker']), {}))).toBe('forbidden');
    expect(codeOf(() => resolveScope(actor(['manager']), { agencyId: 'demo-b' }))).toBe('forbidden');
    expect(codeOf(() => resolveScope(actor(['supervisor']), { agencyId: 'demo-b' }))).toBe('forbidden');
    try {
      resolveScope(actor(['manager']), { agencyId: 'secret-agency' });
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-agency');
    }
  });

  it("opens a counterpart's figures in shared cases to the dashboard only, with the SOPs' separated phases", () => {
    const separatedPhases = separatedPhasesOf(SOPS);
    expect(separatedPhases).toEqual(['venice-inspection:inspection', 'venice-inspection:protection']);
    expect(
      resolveScope(
        actor(['manager']),
        { agencyId: 'demo-b', sop: 'demo-handoff' },
        { counterparts: true, separatedPhases },
      ),
    ).toEqual({
      agencyId: 'demo-b',
      sharedWith: 'demo-a',
      separatedPhases,
      sop: 'demo-handoff',
      step: undefined,
      from: undefined,
      before: undefined,
    });
    expect(resolveScope(actor(['manager']), { agencyId: 'demo-a' }, { counterparts: true }).sharedWith).toBeUndefined();
    expect(codeOf(() => resolveScope(actor(['caseworker']), { agencyId: 'demo-b' }, { counterparts: true }))).toBe(
      'forbidden',
    );
  });

  it('reads a date `to` as the whole UTC day and a date-time `to` as an exclusive instant', () => {
    expect(resolvePeriod('2025-01-01', '2025-01-31')).toEqual({
      from: new Date('2025-01-01T00:00:00Z'),
      before: new Date('2025-02-01T00:00:00Z'),
    });
    expect(resolvePeriod(undefined, '2025-01-31T08:00:00+02:00')).toEqual({
      from: undefined,
      before: new Date('2025-01-31T06:00:00Z'),
    });
  });

  it('refuses an empty period naming the field', () => {
    let error: unknown;
    try {
      resolvePeriod('2025-02-01', '2025-01-01');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).fields).toEqual([{ field: 'to', reason: 'must be after from' }]);
    expect(codeOf(() => resolvePeriod('2025-01-05', '2025-01-05'))).toBeUndefined();
    expect(codeOf(() => resolvePeriod('2025-01-05T10:00:00Z', '2025-01-05T10:00:00Z'))).toBe('validation_failed');
  });

  it('widens an export period to whole UTC months', () => {
    const scope = resolveScope(actor(['manager']), { from: '2025-01-15', to: '2025-03-03' });
    expect(monthAligned(scope)).toMatchObject({
      from: new Date('2025-01-01T00:00:00Z'),
      before: new Date('2025-04-01T00:00:00Z'),
    });
    // Already whole months: unchanged.
    const whole = resolveScope(actor(['manager']), { from: '2025-01-01', to: '2025-02-28' });
    expect(monthAligned(whole)).toMatchObject({ from: new Date('2025-01-01Z'), before: new Date('2025-03-01Z') });
    expect(monthAligned({ agencyId: 'demo-a' })).toEqual({ agencyId: 'demo-a', from: undefined, before: undefined });
  });
});
