import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

  it("lets the lead's coordinator link another case of the agency, and shows the server's reason when refused", async () => {
    const posted: { url: string; body: unknown }[] = [];
    let answer = { ok: true, status: 200, body: { created: true } as unknown };
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posted.push({ url, body: JSON.parse(String(init.body)) });
        return { ok: answer.ok, status: answer.status, json: async () => answer.body } as Response;
      }
      const items = [
        { caseId: 'c0ffee00-0000-4000-8000-000000000001', sop: 'joint-operation', openedAt: '2026-11-01T10:00:00Z' },
        { caseId: 'case-here', sop: 'joint-operation', openedAt: '2026-11-01T10:00:00Z' },
      ];
      return { ok: url.startsWith('/cases'), status: 200, json: async () => ({ items }) } as Response;
    }) as unknown as typeof fetch;
    const linked = jest.fn();
    render(
      <I18nProvider initial="en">
        <LinkedCases kase={{ caseId: 'case-here', links: [], allowedActions: ['case:link'] }} onLinked={linked} />
      </I18nProvider>,
    );
    expect(screen.getByText('No linked cases yet.')).toBeTruthy();
    const other = (await screen.findByLabelText(/The other case/)) as HTMLSelectElement;
    await waitFor(() => expect(other.options.length).toBe(2));
    fireEvent.click(screen.getByRole('button', { name: 'Link the cases' }));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(other, { target: { value: 'c0ffee00-0000-4000-8000-000000000001' } });
    fireEvent.change(screen.getByLabelText('How they relate'), { target: { value: 'same-family' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link the cases' }));
    expect(await screen.findByText('The cases are linked.')).toBeTruthy();
    expect(posted).toEqual([
      {
        url: '/cases/case-here/links',
        body: { caseId: 'c0ffee00-0000-4000-8000-000000000001', relation: 'same-family' },
      },
    ]);
    expect(linked).toHaveBeenCalledTimes(1);

    answer = {
      ok: false,
      status: 400,
      body: {
        error: 'validation_failed',
        message: 'bad',
        fields: [{ field: 'relation', reason: 'must be one of: x' }],
      },
    };
    fireEvent.change(other, { target: { value: 'c0ffee00-0000-4000-8000-000000000001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link the cases' }));
    expect(await screen.findByText('must be one of: x')).toBeTruthy();
  });

  it('offers no link form to anyone else', () => {
    render(
      <I18nProvider initial="en">
        <LinkedCases kase={{ caseId: 'case-here', links: [], allowedActions: ['case:cancel'] }} />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('link-case')).toBeNull();
    expect(screen.queryByText('Linked cases')).toBeNull();
  });
});
