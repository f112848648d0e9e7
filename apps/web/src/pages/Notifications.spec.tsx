import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Notification } from '../api';
import { I18nProvider } from '../i18n';
import { Notifications, NOTIFICATIONS_PAGE } from './Notifications';

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
    const fetchMock = jest.fn(async (url: string) => ({
      ok: true,
      status: 200,
      // The step's title comes from the SOP's description: words, not the step's id.
      json: async () =>
        url.startsWith('/sops/')
          ? { id: 'demo-handoff', title: 'Demo', steps: [{ id: 'review-intake', title: 'Review the intake' }] }
          : { items: answers.shift() ?? [] },
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
    expect(fetchMock.mock.calls.filter(([url]) => url.startsWith('/notifications'))).toHaveLength(2);
    expect(screen.getAllByText('Escalation: deadline missed')).toHaveLength(2);
    await waitFor(() => expect(screen.getAllByRole('listitem')[0].textContent).toContain('Review the intake'));
  });

  it('pages through older notifications and marks one read in place', async () => {
    const urls: string[] = [];
    const fetchMock = jest.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      urls.push(`${init?.method ?? 'GET'} ${String(url)}`);
      const u = new URL(String(url), 'http://localhost');
      if (init?.method === 'POST') return { ok: true, status: 200, json: async () => ({ read: true }) };
      const offset = Number(u.searchParams.get('offset') ?? 0);
      const n = offset ? 3 : NOTIFICATIONS_PAGE;
      const items = Array.from({ length: n }, (_, i) =>
        escalation(`n${offset + i}`, '00000000-0000-4000-8000-000000000001'),
      );
      return { ok: true, status: 200, json: async () => ({ items }) };
    });
    global.fetch = fetchMock as unknown as typeof fetch;
    const onChange = jest.fn();
    render(
      <I18nProvider initial="en">
        <Notifications onChange={onChange} />
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: `Show ${NOTIFICATIONS_PAGE} more` }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(NOTIFICATIONS_PAGE + 3));
    expect(screen.queryByRole('button', { name: /more/ })).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Mark as read' })[0]!);
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(screen.getAllByRole('listitem')).toHaveLength(NOTIFICATIONS_PAGE + 3);
    expect(screen.getAllByRole('button', { name: 'Mark as read' })).toHaveLength(NOTIFICATIONS_PAGE + 2);
    expect(urls).toEqual([
      `GET /notifications?limit=${NOTIFICATIONS_PAGE}`,
      `GET /notifications?limit=${NOTIFICATIONS_PAGE}&offset=${NOTIFICATIONS_PAGE}`,
      'POST /notifications/n0/read',
    ]);
  });

  it("says which news a partner abroad sent: accepted, declined with its reason, the person's arrival", async () => {
    const referral = (id: string, kind: string, detail: Record<string, unknown>): Notification => ({
      ...escalation(id, '00000000-0000-4000-8000-000000000003'),
      kind,
      taskId: null,
      step: null,
      sop: 'assisted-return',
      detail,
    });
    const items = [
      referral('r1', 'referral-decision', { decision: 'accepted', referralId: 'x', partner: 'ro' }),
      referral('r2', 'referral-decision', { decision: 'declined', reason: 'no-capacity' }),
      referral('r3', 'referral-status', { status: 'person-arrived' }),
      // An erased case's notices keep their kind only: the generic words.
      referral('r4', 'referral-decision', {}),
      // A referral received: no case yet, the notice leads to the referral itself.
      { ...referral('r5', 'referral-received', { referralId: 'abcdef12-0000-4000-8000-000000000009' }), caseId: null },
    ];
    global.fetch = jest.fn(async (url: string) => ({
      ok: true,
      status: 200,
      json: async () => (url.startsWith('/sops/') ? { id: 'assisted-return', title: 'Return', steps: [] } : { items }),
    })) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Notifications onChange={() => undefined} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(5));
    const texts = screen.getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent);
    expect(texts).toEqual([
      'A partner abroad accepted a referral',
      'A partner abroad declined a referral (reason: no capacity)',
      'A partner abroad says the referred person arrived',
      'A partner abroad accepted or declined a referral',
      'A partner abroad referred someone to your agency: accept or decline it',
    ]);
    expect(screen.getByRole('link', { name: 'Open referral abcdef12' }).getAttribute('href')).toBe(
      '/app/referrals/abcdef12-0000-4000-8000-000000000009',
    );
  });
});
