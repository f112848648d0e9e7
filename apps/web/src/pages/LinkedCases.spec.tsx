import { render, screen } from '@testing-library/react';
import type { CaseDetail } from '../api';
import { I18nProvider } from '../i18n';
import { LinkedCases } from './LinkedCases';

const kase = {
  links: [
    {
      caseId: '1c1ac08b-4ac4-5cca-9c93-06afa38992e2',
      sop: 'assisted-return',
      relation: 'follow-on',
      direction: 'outgoing',
      at: '2026-11-02T10:00:00Z',
    },
    {
      caseId: 'e8d5a6fa-eee4-42a8-8fe6-db9fe81ef0df',
      sop: 'joint-operation',
      relation: 'same-operation',
      direction: 'incoming',
      at: '2026-11-03T10:00:00Z',
    },
  ],
} as unknown as CaseDetail;

describe('linked cases of a case', () => {
  beforeEach(() => {
    sessionStorage.setItem('waymark.session', JSON.stringify({ token: 't', sub: 's', agency: 'police-1', roles: [] }));
    global.fetch = jest.fn(
      async () => ({ ok: false, status: 404, json: async () => ({}) }) as Response,
    ) as unknown as typeof fetch;
  });

  it('lists each linked case with its SOP, the relation and a link to it', async () => {
    render(
      <I18nProvider initial="en">
        <LinkedCases kase={kase} />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Linked cases' })).toBeTruthy();
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/app/cases/1c1ac08b-4ac4-5cca-9c93-06afa38992e2',
      '/app/cases/e8d5a6fa-eee4-42a8-8fe6-db9fe81ef0df',
    ]);
    expect(links[0].textContent).toBe('Assisted return');
    expect(screen.getByText(/started from this case for a person/)).toBeTruthy();
    expect(screen.getByText(/same operation/)).toBeTruthy();
  });

  it('speaks Italian and shows nothing for a case without links', () => {
    const { container, rerender } = render(
      <I18nProvider initial="it">
        <LinkedCases kase={kase} />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading', { name: 'Casi collegati' })).toBeTruthy();
    expect(screen.getByText(/stessa operazione/)).toBeTruthy();
    rerender(
      <I18nProvider initial="it">
        <LinkedCases kase={{ links: [] }} />
      </I18nProvider>,
    );
    expect(container.innerHTML).toBe('');
  });
});
