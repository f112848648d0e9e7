import type { SopDefinition } from '@waymark/contracts';
import { phaseVisibility } from './phase-visibility';

const steps = [
  {
    id: 'check',
    title: 'Check',
    actor: { slot: 'police', roles: ['police-officer'] },
    form: { fields: {} },
    seed: ['x'],
    phase: 'inspection',
  },
  {
    id: 'assess',
    title: 'Assess',
    actor: { slot: 'unit', roles: ['social-worker'] },
    form: { fields: {} },
    seed: ['x'],
    phase: 'protection',
    perPerson: true,
  },
];
const participants = { unit: 'venice-cau', police: 'venice-police' };
const separated = {
  id: 't',
  steps,
  rules: [{ id: 'sep', text: '', seed: [], separatesPhases: ['inspection', 'protection'] }],
} as unknown as SopDefinition;
const police = { sub: 'p', agencyId: 'venice-police', roles: ['police-officer'] };
const social = { sub: 's', agencyId: 'venice-cau', roles: ['social-worker'] };

describe('phaseVisibility', () => {
  it('keeps protection entries from the police and inspection entries from social workers', () => {
    const v = phaseVisibility(separated, participants, police);
    expect(v.hidden).toEqual(['protection']);
    expect(v.canSee({ step: 'assess', agencyId: 'venice-cau' })).toBe(false);
    expect(v.canSee({ phase: 'protection', agencyId: 'venice-cau' })).toBe(false);
    expect(v.canSee({ subject: 'W1', kind: 'person-branch-ended' })).toBe(false);
    expect(v.canSee({ subject: 'W1', kind: 'person-branch-started' })).toBe(true);
    expect(v.canSee({ step: 'check', agencyId: 'venice-police' })).toBe(true);

    const s = phaseVisibility(separated, participants, social);
    expect(s.hidden).toEqual(['inspection']);
    expect(s.canSee({ step: 'check', agencyId: 'venice-police' })).toBe(false);
    expect(s.canSee({ subject: 'W1', kind: 'person-branch-ended' })).toBe(true);
  });

  it('shows everything where the SOP declares no separation', () => {
    const open = { id: 't', steps, rules: [] } as unknown as SopDefinition;
    const v = phaseVisibility(open, participants, police);
    expect(v.hidden).toEqual([]);
    expect(v.canSee({ step: 'assess', agencyId: 'venice-cau' })).toBe(true);
  });
});
