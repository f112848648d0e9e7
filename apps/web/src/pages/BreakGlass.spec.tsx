import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nProvider } from '../i18n';
import { BreakGlass, type Grant } from './BreakGlass';

const CASE_ID = '11111111-2222-4333-8444-555555555555';
const grant = (over: Partial<Grant>): Grant => ({
  grantId: 'g-1',
  agencyId: 'iom-germany',
  grantedAt: '2026-12-04T10:00:00Z',
  expiresAt: '2026-12-04T14:00:00Z',
  endedAt: null,
  active: true,
  ...over,
});

let calls: { url: string; init?: RequestInit }[] = [];
function serve(items: Grant[]) {
  calls = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const body = init?.method === 'POST' ? grant({ grantId: 'g-2' }) : { items };
    return {
      ok: true,
      status: init?.method === 'POST' ? 201 : 200,
      statusText: '',
      json: async () => body,
    } as Response;
  }) as unknown as typeof fetch;
}

describe('break-glass in the case view', () => {
  beforeEach(() =>
    sessionStorage.setItem(
      'waymark.session',
      JSON.stringify({ token: 'tok', sub: 'ana', agency: 'mh-heilbronn', roles: ['ngo-coordinator'], mode: 'local' }),
    ),
  );

  it('lists the grants, ends a running one, and opens one with a reason for a chosen time', async () => {
    serve([grant({ reason: 'The person did not come to the flight' }), grant({ grantId: 'g-0', active: false })]);
    const onChanged = jest.fn();
    render(
      <I18nProvider initial="en">
        <BreakGlass kase={{ caseId: CASE_ID, status: 'open' }} agencyId="mh-heilbronn" onChanged={onChanged} />
      </I18nProvider>,
    );
    const section = screen.getByRole('region', { name: 'Emergency access (break-glass)' });
    const items = await within(section).findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/: open since .* · The person did not come to the flight/),
      expect.stringMatching(/: was open from /),
    ]);
    fireEvent.click(within(items[0]).getByRole('button', { name: 'End now' }));
    await waitFor(() => expect(calls.some((c) => c.url === `/cases/${CASE_ID}/break-glass/g-1/end`)).toBe(true));

    const form = screen.getByRole('form', { name: 'Open emergency access' });
    fireEvent.click(within(form).getByRole('button', { name: 'Open emergency access' }));
    expect(await within(form).findByText('This field is required.')).toBeTruthy();
    expect(calls.filter((c) => c.url === `/cases/${CASE_ID}/break-glass` && c.init?.method === 'POST')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Why you need it now (no names)'), {
      target: { value: 'Imminent danger' },
    });
    fireEvent.change(within(form).getByLabelText('For'), { target: { value: '60' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Open emergency access' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
    const post = calls.find((c) => c.url === `/cases/${CASE_ID}/break-glass` && c.init?.method === 'POST')!;
    expect(JSON.parse(post.init!.body as string)).toEqual({ reason: 'Imminent danger', minutes: 60 });
  });

  it('offers nothing to open in a closed case', async () => {
    serve([]);
    render(
      <I18nProvider initial="it">
        <BreakGlass
          kase={{ caseId: CASE_ID, status: 'completed' }}
          agencyId="mh-heilbronn"
          onChanged={() => undefined}
        />
      </I18nProvider>,
    );
    expect(await screen.findByText('In questo caso non è stato aperto alcun accesso di emergenza.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });
});
