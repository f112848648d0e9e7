import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../i18n';
import { Cases, CASES_PAGE } from './Cases';

const caseRow = (i: number) => ({
  caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  sop: 'demo-handoff',
  status: 'open',
  endState: null,
  openedAt: '2026-11-01T10:00:00Z',
  closedAt: null,
});

describe('case list', () => {
  it('loads a page at a time and offers the next page only while a page comes back full', async () => {
    const urls: string[] = [];
    global.fetch = jest.fn(async (url: RequestInfo | URL) => {
      urls.push(String(url));
      const u = new URL(String(url), 'http://localhost');
      const offset = Number(u.searchParams.get('offset') ?? 0);
      const body =
        u.pathname === '/sops'
          ? { items: [] }
          : { items: Array.from({ length: offset ? 5 : CASES_PAGE }, (_, i) => caseRow(offset + i)) };
      return { ok: true, status: 200, json: async () => body } as Response;
    }) as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Cases />
      </I18nProvider>,
    );
    const more = await screen.findByRole('button', { name: `Show ${CASES_PAGE} more` });
    expect(screen.getAllByRole('row')).toHaveLength(CASES_PAGE + 1);
    fireEvent.click(more);
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(CASES_PAGE + 5 + 1));
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
    expect(urls.filter((u) => u.startsWith('/cases'))).toEqual([
      `/cases?status=open&limit=${CASES_PAGE}`,
      `/cases?status=open&limit=${CASES_PAGE}&offset=${CASES_PAGE}`,
    ]);
  });

  it("shows the latest filter's answer when an earlier filter's answer arrives after it", async () => {
    const pending = new Map<string, (body: unknown) => void>();
    global.fetch = jest.fn((url: RequestInfo | URL) => {
      const u = new URL(String(url), 'http://localhost');
      if (u.pathname === '/sops')
        return Promise.resolve({ ok: true, status: 200, json: async () => ({ items: [] }) } as Response);
      return new Promise<Response>((resolve) =>
        pending.set(u.searchParams.get('status') ?? 'all', (body) =>
          resolve({ ok: true, status: 200, json: async () => body } as Response),
        ),
      );
    }) as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Cases />
      </I18nProvider>,
    );
    await waitFor(() => expect(pending.has('open')).toBe(true));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    await waitFor(() => expect(pending.has('all')).toBe(true));
    pending.get('all')!({ items: [caseRow(1), { ...caseRow(2), status: 'completed' }] });
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    // The late answer to "open" must not replace the list of all cases.
    await act(async () => {
      pending.get('open')!({ items: [caseRow(1)] });
      await Promise.resolve();
    });
    expect(screen.getAllByRole('row')).toHaveLength(3);
  });
});
