import { render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../i18n';
import { Compartments, redactedEntries } from './case-parts';

describe('compartments and redactions on the case view', () => {
  it('shows readable compartments with their records and names each withheld one as such', () => {
    render(
      <I18nProvider initial="en">
        <Compartments
          kase={{
            sop: 'venice-inspection',
            compartments: {
              inspection: [
                {
                  step: 'compliance-check-labour',
                  subject: null,
                  source: 'task',
                  agencyId: 'venice-labour-inspectorate',
                  recordedAt: '2026-11-01T10:00:00Z',
                  data: { workersPresent: 4 },
                },
              ],
            },
            redacted: ['compartment:protection', 'phase:protection'],
          }}
        />
      </I18nProvider>,
    );
    const inspection = screen.getByRole('region', { name: 'Records: inspection' });
    expect(within(inspection).getByText('workersPresent')).toBeTruthy();
    expect(within(inspection).getByText('4')).toBeTruthy();
    const withheld = screen.getByRole('list', { name: 'Withheld from you' });
    const items = within(withheld).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'protection: withheld for your role',
      'Phase “protection”: withheld for your role',
    ]);
    expect(screen.queryByRole('region', { name: 'Records: protection' })).toBeNull();
  });

  it('treats a missing compartments field as none and says so in Italian', () => {
    render(
      <I18nProvider initial="it">
        <Compartments kase={{ sop: 'venice-inspection', redacted: ['phase:inspection'] }} />
      </I18nProvider>,
    );
    expect(screen.getByText(/Fase «ispezione»/).parentElement!.textContent).toBe(
      'Fase «ispezione»: non visibile per il tuo ruolo',
    );
    expect(document.querySelectorAll('.compartment')).toHaveLength(0);
  });

  it('parses redaction entries of both kinds', () => {
    expect(redactedEntries(['compartment:health', 'phase:protection', 'odd'])).toEqual([
      { kind: 'compartment', name: 'health' },
      { kind: 'phase', name: 'protection' },
      { kind: 'other', name: 'odd' },
    ]);
    expect(redactedEntries(undefined)).toEqual([]);
  });
});
