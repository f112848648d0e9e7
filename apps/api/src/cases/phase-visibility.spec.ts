import type { SopDefinition } from '@waymark/contracts';
import { phaseVisibility } from './phase-visibility';

const sop = {
  id: 't',
  participants: { unit: { kind: 'municipality', label: 'Unit' }, police: { kind: 'police', label: 'Police' } },
  steps: [
    { id: 'check', title: 'Check', actor: { slot: 'police', roles: ['police-officer'] }, form: { fields: {} }, seed: ['x'], phase: 'inspection' },
    { id: 'assess', title: 'Assess', actor: { slot: 'unit', roles: ['social-worker'] }, form: { fields: {} }, seed: ['x'], phase: 'protection', perPerson: true },
  ],
} as unknown as SopDefinition;
const participants = { unit: 'venice-cau', police: 'venice-police' };

describe('phaseVisibility', () => {
  it('keeps protection entries from the police and inspection entries from social workers', () => {
    const police = phaseVisibility(sop, participants, { sub: 'p', agencyId: 'venice-police', roles: ['police-officer'] });
    expect(police.hidden).toEqual(['protection']);
    expect(police.canSee({ step: 'assess', agencyId: 'venice-cau' })).toBe(false);
    expect(police.canSee({ phase: 'protection', agencyId: 'venice-cau' })).toBe(false);
    expect(police.canSee({ subject: 'W1', agencyId: null })).toBe(false);
    expect(police.canSee({ step: 'check', agencyId: 'venice-police' })).toBe(true);

    const social = phaseVisibility(sop, participants, { sub: 's', agencyId: 'venice-cau', roles: ['social-worker'] });
    expect(social.hidden).toEqual(['inspection']);
    expect(social.canSee({ step: 'check', agencyId: 'venice-police' })).toBe(false);
    expect(social.canSee({ subject: 'W1', agencyId: null })).toBe(true);
    expect(social.canSee({ agencyId: null })).toBe(true);
  });
});
