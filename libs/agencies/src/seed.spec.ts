import { SOPS } from '@waymark/workflows/sops';
import { defaultAgencies } from './seed';

describe('defaultAgencies', () => {
  it('gives every SOP default agency once, with its kind', () => {
    const agencies = defaultAgencies(SOPS);
    const ids = agencies.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const sop of SOPS) {
      for (const p of Object.values(sop.participants)) if (p.defaultAgency) expect(ids).toContain(p.defaultAgency);
    }
    expect(agencies.find((a) => a.id === 'venice-cau')).toMatchObject({ kind: 'municipality', country: 'IT' });
    expect(agencies.find((a) => a.id === 'sicar-cat')).toMatchObject({ kind: 'ngo', country: 'ES' });
  });
});
