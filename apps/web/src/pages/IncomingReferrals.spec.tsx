import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import type { JsonSchema, SopDescription } from '../api';
import { I18nProvider } from '../i18n';
import { match } from '../router';
import { IncomingReferrals } from './IncomingReferrals';
import type { IncomingReferral } from './referral-model';

const ID = 'aaaaaaaa-2222-4333-8444-555555555555';
const OTHER = 'bbbbbbbb-2222-4333-8444-555555555555';
const CASE_ID = '11111111-2222-4333-8444-555555555555';
const incoming = (over: Partial<IncomingReferral>): IncomingReferral => ({
  referralId: ID,
  from: { deployment: 'de-mh', agency: 'mh-heilbronn' },
  sop: 'demo-referral-in',
  personCode: 'P1',
  state: 'received',
  declineReason: null,
  caseId: null,
  receivedAt: '2026-12-04T10:00:00Z',
  decisionDueAt: '2026-12-07T10:00:00Z',
  decisionOverdue: false,
  consent: { consentId: 'c-1', purpose: 'sharing', scope: ['contact'] },
  history: [{ state: 'received', at: '2026-12-04T10:00:00Z' }],
  ...over,
});
const sop = {
  id: 'demo-referral-in',
  version: 1,
  title: 'Shelter admission abroad',
  summary: '',
  participants: {},
  intake: formToJsonSchema({
    fields: {
      channel: { type: 'enum', label: 'How the case came in', options: ['phone', 'street-outreach'], required: true },
      urgent: { type: 'boolean', label: 'Needs a place tonight' },
    },
  }) as JsonSchema,
  steps: [],
  events: [],
  transitions: [],
  endStates: [],
  diagram: '',
} as SopDescription;

let calls: { url: string; init?: RequestInit }[] = [];
/** The API as the page sees it; a decision changes what the referral's own route answers next, as the server's. */
function serve(list: IncomingReferral[], one: IncomingReferral) {
  calls = [];
  let current = one;
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const sent = init?.body ? (JSON.parse(init.body as string) as Record<string, string>) : {};
    if (url === `/referrals/incoming/${ID}/decision`) {
      current =
        sent.decision === 'accepted'
          ? { ...current, state: 'accepted', caseId: CASE_ID }
          : { ...current, state: 'declined', declineReason: sent.reason, fields: null };
      const { fields: _fields, ...view } = current;
      return { ok: true, status: 200, statusText: '', json: async () => view } as Response;
    }
    const body =
      url === '/referrals/incoming'
        ? { items: list }
        : url === `/referrals/incoming/${ID}`
          ? current
          : url === '/referral/partners'
            ? {
                items: [
                  { id: 'de-mh', name: 'Mental health service Heilbronn', country: 'DE', baseUrl: '', accepts: [] },
                ],
              }
            : url.startsWith('/sops/')
              ? sop
              : {};
    return { ok: true, status: 200, statusText: '', json: async () => body } as Response;
  }) as unknown as typeof fetch;
}
const decisions = () =>
  calls
    .filter((c) => c.url === `/referrals/incoming/${ID}/decision` && c.init?.method === 'POST')
    .map((c) => JSON.parse(c.init!.body as string) as unknown);

function show(id?: string, lang: 'en' | 'it' = 'en') {
  render(
    <I18nProvider initial={lang}>
      <IncomingReferrals id={id} />
    </I18nProvider>,
  );
}

describe('referrals received', () => {
  beforeEach(() =>
    sessionStorage.setItem(
      'waymark.session',
      JSON.stringify({ token: 'tok', sub: 'ion', agency: 'adpare', roles: ['ngo-coordinator'], mode: 'local' }),
    ),
  );

  it('is a page of its own: /referrals and /referrals/:id', () => {
    expect(match('/referrals')).toEqual({ name: 'referrals' });
    expect(match(`/referrals/${ID}`)).toEqual({ name: 'referrals', id: ID });
  });

  it('lists what partners referred, with the state in words and an overdue decision marked', async () => {
    serve(
      [
        incoming({ decisionOverdue: true }),
        incoming({
          referralId: OTHER,
          from: { deployment: 'fr-unknown', agency: 'ngo-lyon' },
          state: 'person-arrived',
          decisionDueAt: null,
          decisionOverdue: false,
        }),
      ],
      incoming({}),
    );
    show();
    const table = await screen.findByRole('table', { name: 'Referrals received from partners' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-referral'))).toEqual([ID, OTHER]);
    expect(rows[0].className).toContain('overdue');
    expect(within(rows[0]).getByText('Decision overdue').className).toBe('tag overdue');
    // The sender by its registered partner name; one not in the partner directory by its id.
    await waitFor(() => expect(rows[0].textContent).toContain('mh-heilbronn at Mental health service Heilbronn'));
    expect(rows[1].textContent).toContain('ngo-lyon at fr-unknown');
    // The state in the receiving agency's words, not the sender's.
    expect(rows[0].textContent).toContain('waiting for your decision');
    expect(rows[0].textContent).not.toContain('received by the partner');
    expect(rows[1].textContent).toContain('the person arrived');
    expect(within(rows[1]).queryByText('Decision overdue')).toBeNull();
    expect(within(rows[0]).getByRole('link', { name: 'Open referral aaaaaaaa' }).getAttribute('href')).toBe(
      `/app/referrals/${ID}`,
    );
  });

  it('shows the fields with the SOP’s labels, accepts, and links to the case it started', async () => {
    serve([incoming({})], incoming({ fields: { channel: 'street-outreach', urgent: true } }));
    show(ID);
    const detail = await screen.findByRole('region', { name: 'Referral aaaaaaaa' });
    expect(await within(detail).findByText('How the case came in')).toBeTruthy();
    expect(within(detail).getByText('street outreach')).toBeTruthy();
    expect(within(detail).getByText('Needs a place tonight')).toBeTruthy();
    expect(within(detail).getByText('Yes')).toBeTruthy();
    expect(within(detail).queryByRole('button', { name: 'Person arrived' })).toBeNull();

    fireEvent.click(within(detail).getByRole('button', { name: 'Accept' }));
    const link = await within(detail).findByTestId('incoming-case');
    expect(link.getAttribute('href')).toBe(`/app/cases/${CASE_ID}`);
    expect(link.textContent).toBe('Open case 11111111, started from this referral');
    expect(decisions()).toEqual([{ decision: 'accepted' }]);
    expect(within(detail).getByTestId('incoming-state').textContent).toBe('accepted — case started');
    expect(within(detail).getByTestId('incoming-from').textContent).toBe(
      'mh-heilbronn at Mental health service Heilbronn',
    );
    // After acceptance: the person's arrival, then closing, are told to the sender.
    expect(within(detail).getByRole('button', { name: 'Person arrived' })).toBeTruthy();
    expect(within(detail).queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('declines only with a reason code', async () => {
    serve([incoming({})], incoming({ fields: { channel: 'phone' } }));
    show(ID, 'it');
    const detail = await screen.findByRole('region', { name: 'Segnalazione aaaaaaaa' });
    fireEvent.click(within(detail).getByRole('button', { name: 'Rifiuta' }));
    expect(await within(detail).findByText('Scegliere un motivo per rifiutare.')).toBeTruthy();
    expect(decisions()).toEqual([]);

    fireEvent.change(within(detail).getByLabelText('Motivo del rifiuto'), { target: { value: 'out-of-area' } });
    fireEvent.click(within(detail).getByRole('button', { name: 'Rifiuta' }));
    await waitFor(() => expect(decisions()).toEqual([{ decision: 'declined', reason: 'out-of-area' }]));
    expect((await within(detail).findByTestId('incoming-state')).textContent).toBe(
      "rifiutata — motivo: fuori dall'area servita",
    );
  });

  it('says a withdrawal as the receiver sees it: the data received was erased', async () => {
    const withdrawn = incoming({
      state: 'withdrawn',
      decisionDueAt: null,
      fields: null,
      history: [
        { state: 'received', at: '2026-12-04T10:00:00Z' },
        { state: 'withdrawn', at: '2026-12-05T10:00:00Z' },
      ],
    });
    serve([withdrawn], withdrawn);
    show(ID);
    const detail = await screen.findByRole('region', { name: 'Referral aaaaaaaa' });
    expect(within(detail).getByTestId('incoming-state').textContent).toBe(
      'consent withdrawn — the data received was erased',
    );
    expect(
      within(detail)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^waiting for your decision: /),
      expect.stringMatching(/^consent withdrawn — the data received was erased: /),
    ]);
    const row = within(screen.getByRole('table')).getAllByRole('row')[1];
    expect(row.textContent).toContain('consent withdrawn — the data received was erased');
    expect(row.textContent).not.toContain('the partner removed the data');
  });
});
