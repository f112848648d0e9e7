import { SOPS } from '@waymark/workflows/sops';
import { caseReader, scopeRecord } from './field-scoping';

const HOTLINE = SOPS.find((s) => s.id === 'hotline-intake')!;
const PARTICIPANTS = { hotline: 'astra-hotline', 'partner-ngo': 'on-the-road' };

describe('field scoping of a case record', () => {
  it('finds an event record’s form by its fields: codes stay readable, the free-text note is the story', () => {
    const record = {
      compartment: 'protection' as const,
      step: null,
      source: 'event',
      agency_id: 'astra-hotline',
      data: { lastContact: 'call-dropped', attempts: 3, note: 'free text' },
    };
    const partner = caseReader(HOTLINE, PARTICIPANTS, 'on-the-road');
    expect(partner).toEqual({ agencyId: 'on-the-road', kinds: ['ngo'], lead: false, personDataOnConsent: false });
    expect(scopeRecord(HOTLINE, record, partner, [])).toEqual({
      data: { lastContact: 'call-dropped', attempts: 3 },
      withheld: [{ field: 'note', category: 'story', reason: 'no-consent' }],
    });
    // The lead reads it all; so does the partner under a consent naming it for the story.
    expect(scopeRecord(HOTLINE, record, caseReader(HOTLINE, PARTICIPANTS, 'astra-hotline'), []).withheld).toEqual([]);
    const consent = { sharedWithAgency: 'on-the-road', scope: ['exploitation-form'], withdrawn: false };
    expect(scopeRecord(HOTLINE, record, partner, [consent]).withheld).toEqual([]);
  });

  it('reads a task record by its step’s form', () => {
    const record = {
      compartment: 'protection' as const,
      step: 'risk-check',
      source: 'task',
      agency_id: 'astra-hotline',
      data: { immediateDanger: true, note: 'free text' },
    };
    const scoped = scopeRecord(HOTLINE, record, caseReader(HOTLINE, PARTICIPANTS, 'on-the-road'), []);
    expect(scoped.data).toEqual({ immediateDanger: true });
    expect(scoped.withheld.map((w) => w.field)).toEqual(['note']);
  });

  it('marks the Venice social protection staff as reading a worker’s records only under that worker’s consent', () => {
    const venice = SOPS.find((x) => x.id === 'venice-inspection')!;
    const participants = { unit: 'venice-cau', 'social-protection': 'venice-social-protection' };
    expect(caseReader(venice, participants, 'venice-social-protection').personDataOnConsent).toBe(true);
    expect(caseReader(venice, participants, 'venice-cau')).toMatchObject({ lead: true, personDataOnConsent: false });
  });
});
