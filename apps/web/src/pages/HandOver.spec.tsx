import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nProvider } from '../i18n';
import { HandOver } from './HandOver';

const TASK = '22222222-3333-4444-8555-666666666666';

describe('handing a task to a colleague', () => {
  let posted: { url: string; body: unknown }[] = [];
  beforeEach(() => {
    posted = [];
    sessionStorage.setItem('waymark.session', JSON.stringify({ token: 't', sub: 'sup', agency: 'demo-b', roles: [] }));
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posted.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined });
        return { ok: true, status: 200, json: async () => ({ taskId: TASK }) } as Response;
      }
      const body = {
        taskId: TASK,
        claimedBy: 'anna',
        items: [
          { sub: 'anna', roles: ['caseworker'], holds: true },
          { sub: 'bruno', roles: ['caseworker'], holds: false },
        ],
      };
      return { ok: true, status: 200, json: async () => body } as Response;
    }) as unknown as typeof fetch;
  });

  it('shows who holds the task and hands it to a colleague chosen from those with its role', async () => {
    const done = jest.fn();
    render(
      <I18nProvider initial="en">
        <HandOver taskId={TASK} onDone={done} />
      </I18nProvider>,
    );
    const details = screen.getByText('Who holds it, and hand it to a colleague (supervisors)').closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect((await screen.findByTestId('handover-holder')).textContent).toMatch(/^Held by anna\./);
    const select = screen.getByLabelText('Colleague who takes it over');
    // The holder is not offered again.
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['— choose —', 'bruno']);
    fireEvent.click(screen.getByRole('button', { name: 'Hand it over' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'This field is required.');
    expect(posted).toEqual([]);
    fireEvent.change(select, { target: { value: 'bruno' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hand it over' }));
    await waitFor(() => expect(done).toHaveBeenCalledWith('handover.done'));
    expect(posted).toEqual([{ url: `/tasks/${TASK}/assign`, body: { assignee: 'bruno' } }]);
  });

  it('gives a held task back to the team', async () => {
    const done = jest.fn();
    render(
      <I18nProvider initial="en">
        <HandOver taskId={TASK} onDone={done} />
      </I18nProvider>,
    );
    const details = screen.getByText('Who holds it, and hand it to a colleague (supervisors)').closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    fireEvent.click(await screen.findByRole('button', { name: 'Give it back to the team' }));
    await waitFor(() => expect(done).toHaveBeenCalledWith('handover.released'));
    expect(posted).toEqual([{ url: `/tasks/${TASK}/release`, body: undefined }]);
  });
});
