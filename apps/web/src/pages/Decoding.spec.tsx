import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../i18n';
import { Decoding } from './Decoding';

describe('decoding in Temporal’s Web UI', () => {
  it('opens a session, says until when and how to use it, and ends it', async () => {
    const calls: string[] = [];
    global.fetch = jest.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(url)}`);
      if (init?.method === 'DELETE') return { ok: true, status: 204, json: async () => undefined };
      if ((init?.method ?? 'GET') === 'GET') {
        return {
          ok: true,
          status: 200,
          json: async () => ({ active: false, temporalUiOrigins: ['http://localhost:8233'] }),
        };
      }
      return {
        ok: true,
        status: 201,
        json: async () => ({ expiresAt: '2026-11-28T11:00:00.000Z', temporalUiOrigins: ['http://localhost:8233'] }),
      };
    }) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Decoding />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: /decode for one hour/ }));
    await screen.findByText(/^Decoding allowed in this browser until /);
    expect(screen.getByRole('link', { name: 'http://localhost:8233' }).getAttribute('href')).toBe(
      'http://localhost:8233',
    );
    expect(screen.getByTestId('decoding-steps').textContent).toContain('Include cross-origin credentials');
    fireEvent.click(screen.getByRole('button', { name: 'End decoding in this browser' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Decoding ended in this browser.'));
    expect(screen.queryByTestId('decoding-steps')).toBeNull();
    expect(calls).toEqual(['GET /codec/session', 'POST /codec/session', 'DELETE /codec/session']);
  });

  it('shows a session opened earlier in this browser when the page opens', async () => {
    global.fetch = jest.fn(async () => ({
      ok: true,
      status: 200,
      json: async () => ({
        active: true,
        expiresAt: '2026-11-28T11:00:00.000Z',
        temporalUiOrigins: ['http://localhost:8233'],
      }),
    })) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Decoding />
      </I18nProvider>,
    );
    await screen.findByText(/^Decoding allowed in this browser until /);
    expect(screen.getByTestId('decoding-steps')).toBeTruthy();
  });
});
