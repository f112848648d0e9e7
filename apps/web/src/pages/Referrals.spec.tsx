import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import type { Consent, JsonSchema, SopDescription } from '../api';
import { I18nProvider } from '../i18n';
import { Referrals } from './Referrals';
import type { OutgoingReferral, Partner } from './referral-model';

const CASE_ID = '11111111-2222-4333-8444-555555555555';
const CONSENT_ID = '99999999-2222-4333-8444-555555555555';
const referral = (over: Partial<OutgoingReferral>): OutgoingReferral => ({
  referralId: 'r-1',
  partner: 'ro-adpare',
  agency: 'adpare',
  sop: 'demo-referral-intake',
  personCode: 'P1',
  consentId: CONSENT_ID,
  state: 'sending',
  declineReason: null,
  attempts: 0,
  ackOverdue: false,
  decisionOverdue: false,
  sentAt: '2026-12-04T10:00:00Z',
  history: [{ state: 'sending', at: '2026-12-04T10:00:00Z' }],
  ...over,
});
const partners: Partner[] = [
  {
    id: 'ro-adpare',
    name: 'ADPARE',
    country: 'RO',
    baseUrl: 'https://ro.example',
    accepts: [{ agency: 'adpare', sops: ['demo-referral-intake'] }],
  },
];
const consent = (over: Partial<Consent>): Consent => ({
  consentId: CONSENT_ID,
  caseId: CASE_ID,
  purpose: 'sharing',
  sharedWithAgency: null,
  sharedWithPartner: 'ro-adpare/adpare',
  scope: ['contact', 'health'],
  form: 'written',
  givenBy: 'person',
  recordedBy: { sub: 'ana', agencyId: 'mh-heilbronn' },
  recordedAt: '2026-12-01T09:00:00Z',
  status: 'active',
  withdrawnAt: null,
  withdrawnBySub: null,
  ...over,
});
const sop = {
  id: 'demo-referral-intake',
  version: 1,
  title: 'Shelter intake abroad',
  summary: '',
  participants: {},
  intake: formToJsonSchema({
    fields: {
      channel: { type: 'enum', label: 'How the case came in', options: ['phone', 'outreach'], required: true },
    },
  }) as JsonSchema,
  steps: [],
  events: [],
  transitions: [],
  endStates: [],
  diagram: '',
} as SopDescription;

let calls: { url: string; init?: RequestInit }[] = [];
/** The API as the section sees it; `refuse` answers the next referral POSTs with these 400 field problems. */
function serve(items: OutgoingReferral[], consents: Consent[], refuse: { field: string; reason: string }[][] = []) {
  calls = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const post = init?.method === 'POST';
    if (post && refuse.length) {
      const fields = refuse.shift()!;
      return {
        ok: false,
        status: 400,
        statusText: 'Bad Request',
        json: async () => ({ error: 'validation_failed', message: 'The referral has invalid fields.', fields }),
      } as Response;
    }
    const body = post
      ? { referralId: 'r-9', state: 'sending' }
      : url === `/cases/${CASE_ID}/referrals`
        ? { items }
        : url === '/referral/partners'
          ? { items: partners }
          : url === `/cases/${CASE_ID}/consents`
            ? { items: consents }
            : url.startsWith('/sops/')
              ? sop
              : {};
    return { ok: true, status: post ? 201 : 200, statusText: '', json: async () => body } as Response;
  }) as unknown as typeof fetch;
}

const posts = () => calls.filter((c) => c.url === `/cases/${CASE_ID}/referrals` && c.init?.method === 'POST');

describe('referrals abroad in the case view', () => {
  beforeEach(() =>
    sessionStorage.setItem(
      'waymark.session',
      JSON.stringify({ token: 'tok', sub: 'ana', agency: 'mh-heilbronn', roles: ['ngo-coordinator'], mode: 'local' }),
    ),
  );

  it('says each state in words: attempts while sending, a partner not reachable, a decline reason, the history', async () => {
    serve(
      [
        referral({ attempts: 3, ackOverdue: true }),
        referral({ referralId: 'r-0' }),
        referral({
          referralId: 'r-2',
          state: 'declined',
          declineReason: 'no-capacity',
          history: [
            { state: 'sending', at: '2026-12-04T10:00:00Z' },
            { state: 'received', at: '2026-12-04T10:01:00Z' },
            { state: 'declined', at: '2026-12-05T08:00:00Z' },
          ],
        }),
      ],
      [],
    );
    render(
      <I18nProvider initial="en">
        <Referrals kase={{ caseId: CASE_ID, status: 'completed' }} onChanged={() => undefined} />
      </I18nProvider>,
    );
    const section = screen.getByRole('region', { name: 'Referrals abroad' });
    await waitFor(() => expect(section.querySelectorAll('li[data-referral]')).toHaveLength(3));
    const [sending, justSent, declined] = [...section.querySelectorAll<HTMLElement>('li[data-referral]')];
    expect(sending.textContent).toContain('adpare at ADPARE');
    expect(sending.textContent).toContain('sending — 3 attempt(s), partner not reachable yet');
    // No attempt yet: just "sending…", no count of zero attempts.
    expect(justSent.querySelector('.referral-state')!.textContent).toBe('sending…');
    expect(declined.textContent).toContain('declined — reason: no capacity');
    const history = within(declined).getByRole('list', { name: 'History of the referral' });
    expect(
      within(history)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^sending: /),
      expect.stringMatching(/^received by the partner, waiting for a decision: /),
      expect.stringMatching(/^declined: /),
    ]);
    // A closed case sends nothing.
    expect(screen.queryByRole('button', { name: 'Send the referral' })).toBeNull();
  });

  it('sends the intake under the consent naming the partner’s agency and shows the server’s field error', async () => {
    serve(
      [],
      [
        consent({ consentId: 'c-other', sharedWithPartner: 'ro-adpare/another' }),
        consent({ consentId: 'c-gone', status: 'withdrawn' }),
        consent({}),
      ],
      [[{ field: 'fields.channel', reason: "the consent's scope does not include contact" }]],
    );
    const onChanged = jest.fn();
    render(
      <I18nProvider initial="en">
        <Referrals kase={{ caseId: CASE_ID, status: 'open' }} onChanged={onChanged} />
      </I18nProvider>,
    );
    await screen.findByRole('option', { name: 'ADPARE (RO)' });
    fireEvent.change(screen.getByLabelText('Partner organisation'), { target: { value: 'ro-adpare' } });
    // One agency and one SOP on offer: chosen at once; only the active consent naming ro-adpare/adpare is offered.
    expect((screen.getByLabelText('Receiving agency') as HTMLSelectElement).value).toBe('adpare');
    const consentSelect = screen.getByLabelText('Consent the referral travels under') as HTMLSelectElement;
    await waitFor(() => expect([...consentSelect.options].map((o) => o.value)).toEqual([CONSENT_ID]));
    expect(consentSelect.options[0].textContent).toMatch(/Contact details, Health$/);

    fireEvent.change(await screen.findByLabelText(/^How the case came in/), { target: { value: 'phone' } });
    fireEvent.change(screen.getByLabelText('Person code'), { target: { value: 'Ana' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    expect(await screen.findByText('Enter a person code such as P1, never a name.')).toBeTruthy();
    expect(posts()).toEqual([]);
    fireEvent.change(screen.getByLabelText('Person code'), { target: { value: 'P2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    expect(await screen.findByText("the consent's scope does not include contact")).toBeTruthy();
    expect(onChanged).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Send the referral' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(posts()).toHaveLength(2);
    const last = posts()[1];
    expect(JSON.parse(last.init!.body as string)).toEqual({
      partner: 'ro-adpare',
      agency: 'adpare',
      sop: 'demo-referral-intake',
      consentId: CONSENT_ID,
      personCode: 'P2',
      fields: { channel: 'phone' },
    });
    expect((last.init!.headers as Record<string, string>)['idempotency-key']).toBeTruthy();
    expect(await screen.findByText(/^Referral sent\./)).toBeTruthy();
    // The form starts over: no partner, agency, SOP, consent or intake left filled in to send the same again.
    expect((screen.getByLabelText('Partner organisation') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Receiving agency') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Their procedure (SOP)') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Consent the referral travels under') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Person code') as HTMLInputElement).value).toBe('P1');
    expect(screen.queryByLabelText(/^How the case came in/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Send the referral' })).toBeNull();
  });

  it('says who registers partners when none is registered', async () => {
    serve([], []);
    const served = global.fetch as jest.Mock;
    global.fetch = jest.fn(async (url: string, init?: RequestInit) =>
      url === '/referral/partners'
        ? ({ ok: true, status: 200, statusText: '', json: async () => ({ items: [] }) } as Response)
        : (served(url, init) as Promise<Response>),
    ) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <Referrals kase={{ caseId: CASE_ID, status: 'open' }} onChanged={() => undefined} />
      </I18nProvider>,
    );
    expect(
      await screen.findByText(
        'No partner organisation abroad is registered for referrals. A platform administrator registers partners.',
      ),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Partner organisation')).toBeNull();
  });

  it('asks for a consent naming the agency first and sends nothing without one', async () => {
    serve([], [consent({ sharedWithPartner: 'ro-adpare/another' })]);
    render(
      <I18nProvider initial="it">
        <Referrals kase={{ caseId: CASE_ID, status: 'open' }} onChanged={() => undefined} />
      </I18nProvider>,
    );
    await screen.findByRole('option', { name: 'ADPARE (RO)' });
    fireEvent.change(screen.getByLabelText('Organizzazione partner'), { target: { value: 'ro-adpare' } });
    expect((await screen.findByTestId('referral-no-consent')).textContent).toBe(
      'Nessun consenso attivo nomina adpare presso ADPARE. Registrare prima un consenso alla condivisione che nomini quella agenzia.',
    );
    expect(screen.queryByLabelText('Consenso con cui viaggia la segnalazione')).toBeNull();
    expect((screen.getByRole('button', { name: 'Invia la segnalazione' }) as HTMLButtonElement).disabled).toBe(true);
    expect(posts()).toEqual([]);
  });
});
