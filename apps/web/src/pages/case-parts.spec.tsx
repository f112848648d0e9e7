import { render, screen, within } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import { VENICE_INSPECTION_SOP as V } from '../../../../workflows/venice-inspection/venice-inspection.sop';
import type { JsonSchema, SopDescription } from '../api';
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
    const inspection = screen.getByRole('region', { name: 'Records: Inspection' });
    // Without the SOP's description at hand, a field shows under its name.
    expect(within(inspection).getByText('workersPresent')).toBeTruthy();
    expect(within(inspection).getByText('4')).toBeTruthy();
    const withheld = screen.getByRole('list', { name: 'Withheld from you' });
    const items = within(withheld).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'Protection: withheld for your role',
      'Phase “protection”: withheld for your role',
    ]);
    expect(screen.queryByRole('region', { name: 'Records: Protection' })).toBeNull();
  });

  it('shows a value kept from the reader as withheld with its reason, never as an empty value', () => {
    const record = {
      step: 'risk-assessment',
      subject: 'P1',
      source: 'task',
      agencyId: 'sicar-cat',
      recordedAt: '2026-11-01T10:00:00Z',
      data: { overallRisk: 'high' },
      withheld: [
        { field: 'healthConcern', category: 'health', reason: 'no-consent' as const },
        { field: 'intelligenceNote', category: 'operational-intelligence', reason: 'police-only' as const },
      ],
    };
    for (const [lang, risk, health, noConsent, policeOnly] of [
      ['en', 'overallRisk', 'healthConcern', 'withheld (no consent)', 'withheld (police only)'],
      [
        'it',
        'Rischio complessivo',
        'Problemi di salute fisica o mentale',
        'non visibile (nessun consenso)',
        'non visibile (solo polizia)',
      ],
    ] as const) {
      const { unmount } = render(
        <I18nProvider initial={lang}>
          <Compartments kase={{ sop: 'joint-operation', compartments: { protection: [record] }, redacted: [] }} />
        </I18nProvider>,
      );
      const terms = screen.getAllByRole('term').map((dt) => dt.textContent);
      const details = screen.getAllByRole('definition').map((dd) => dd.textContent);
      // Without the SOP's description at hand, a field shows under its name or its Italian label.
      expect(terms).toEqual([risk, health, 'intelligenceNote']);
      expect(details.slice(1)).toEqual([noConsent, policeOnly]);
      unmount();
    }
  });

  it('reads records with the SOP: who wrote them, field labels, options and yes/no, in Italian', () => {
    const sop = {
      id: V.id,
      title: V.title,
      intake: formToJsonSchema(V.intake) as JsonSchema,
      steps: V.steps.map((st) => ({ id: st.id, title: st.title, form: formToJsonSchema(st.form) as JsonSchema })),
    } as unknown as SopDescription;
    const record = (over: { source: string; data: Record<string, unknown> }) => ({
      step: '',
      subject: null,
      agencyId: 'venice-cau',
      recordedAt: '2026-11-01T10:00:00Z',
      ...over,
    });
    render(
      <I18nProvider initial="it">
        <Compartments
          sop={sop}
          kase={{
            sop: V.id,
            compartments: {
              intake: [
                record({ source: 'intake', data: { triggerType: 'hotline-call', livingOnPremisesReported: true } }),
              ],
              protection: [record({ source: 'note', data: { text: 'nota' } })],
            },
          }}
        />
      </I18nProvider>,
    );
    const intake = screen.getByRole('region', { name: 'Registrazioni: Dati di avvio' });
    const pairs = [...intake.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent} = ${dt.nextElementSibling?.textContent}`,
    );
    expect(pairs).toEqual([
      "Come è stata informata l'Unità = Chiamata al numero verde",
      'Si segnala che i lavoratori vivono nei locali = Sì',
    ]);
    expect(intake.querySelector('.meta')!.textContent).toMatch(/^Dati di avvio · venice-cau/);
    const protection = screen.getByRole('region', { name: 'Registrazioni: Protezione' });
    expect(protection.querySelector('dt')!.textContent).toBe('Testo');
    expect(protection.querySelector('.meta')!.textContent).toMatch(/^Nota/);
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
