import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Notification } from '../api';
import { I18nProvider } from '../i18n';
import { Notifications } from './Notifications';

const escalation = (id: string, caseId: string): Notification => ({
  id,
  kind: 'escalation',
  caseId,
  taskId: 't',
  sop: 'demo-handoff',
  step: 'review-intake',
  read: false,
  createdAt: '2026-11-28T10:00:00Z',
});

describe('notifications page', () => {
  it('shows what arrived after it opened once Refresh is pressed', async () => {
    const answers = [
      [escalation('n1', '00000000-0000-4000-8000-000000000001')],
      [
        escalation('n2', '00000000-0000-4000-8000-000000000002'),
        escalation('n1', '00000000-0000-4000-8000-000000000001'),
      ],
    ];
    const fetchMock = jest.fn(async () => ({
      ok: true,
      status: 200,
      json: async () => ({ items: answers.shift() ?? [] }),
    }));
    global.fetch = fetchMock as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Notifications onChange={() => undefined} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(screen.getAllByText('Escalation: deadline missed')).toHaveLength(2);
  });
});
