import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CaseDetail, Consent } from '../api';
import { I18nProvider } from '../i18n';
import { checkConsent, consentBody } from './consent-model';
import { Consents } from './Consents';
import { Notes } from './Notes';

const CASE_ID = '11111111-2222-4333-8444-555555555555';

const consent = (over: Partial<Consent>): Consent => ({
  consentId: 'c-1',
  caseId: CASE_ID,
  purpose: 'sharing',
  sharedWithAgency: 'iom-germany',
  scope: ['identity', 'travel'],
  form: 'written',
  givenBy: 'person',
  recordedBy: { sub: 'ana', agencyId: 'mh-heilbronn' },
  recordedAt: '2026-11-01T10:00:00Z',
  status: 'active',
  withdrawnAt: null,
  withdrawnBySub: null,
  ...over,
});

const kase: Pick<CaseDetail, 'caseId' | 'status' | 'participants' | 'waitingForConsent'> = {
  caseId: CASE_ID,
  status: 'open',
  participants: { 'destination-ngo': 'mh-heilbronn', 'return-agency': 'iom-germany', 'origin-ngo': 'adpare' },
  waitingForConsent: [
    {
      step: 'assess-return-case',
      purpose: 'sharing',
      sharedWithAgency: 'iom-germany',
      scope: ['identity', 'travel'],
      since: '2026-11-02T10:00:00Z',
    },
  ],
};

type Answer = { status: number; body: unknown };
let calls: { url: string; init?: RequestInit }[] = [];
function serve(route: (url: string, init?: RequestInit) => Answer | undefined) {
  calls = [];
  global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const a = route(url, init) ?? { status: 404, body: { error: 'not_found', message: 'no' } };
    return { ok: a.status < 300, status: a.status, statusText: '', json: async () => a.body } as Response;
  }) as unknown as typeof fetch;
}
const bodyOf = (url: string) =>
  JSON.parse(calls.find((c) => c.url === url && c.init?.method === 'POST')!.init!.body as string);

describe('consents in the case view', () => {
  beforeEach(() =>
    sessionStorage.setItem(
      'waymark.session',
      JSON.stringify({ token: 'tok', sub: 'ana', agency: 'mh-heilbronn', roles: ['ngo-caseworker'], mode: 'local' }),
    ),
  );

  it('checks the draft and sends only what the purpose needs', () => {
    const d = {
      purpose: 'return',
      sharedWithAgency: 'adpare',
      scope: ['travel'],
      form: 'verbal',
      givenBy: 'guardian',
      personIsMinor: true,
    };
    expect(checkConsent(d)).toEqual([]);
    expect(consentBody(d)).toEqual({
      purpose: 'return',
      scope: ['travel'],
      form: 'verbal',
      givenBy: 'guardian',
      personIsMinor: true,
    });
    expect(
      checkConsent({ ...d, purpose: 'sharing', sharedWithAgency: '', scope: [], form: '' }).map((p) => p.field),
    ).toEqual(['sharedWithAgency', 'scope', 'form']);
  });

  it('lists the records, shows the waiting step, pre-fills the form for it and records the consent', async () => {
    const onChanged = jest.fn();
    serve((url, init) =>
      url === `/cases/${CASE_ID}/consents` && init?.method === 'POST'
        ? { status: 201, body: consent({ consentId: 'c-2' }) }
        : url === `/cases/${CASE_ID}/consents`
          ? { status: 200, body: { items: [consent({ status: 'withdrawn', withdrawnAt: '2026-11-02T09:00:00Z' })] } }
          : undefined,
    );
    render(
      <I18nProvider initial="en">
        <Consents
          kase={kase}
          stepTitle={(s) => (s === 'assess-return-case' ? 'Assess the return case' : s)}
          onChanged={onChanged}
        />
      </I18nProvider>,
    );
    const row = (await screen.findByRole('table', { name: 'Consent records of this case' })).querySelector('tbody tr')!;
    // A wide table scrolls inside its own region on a narrow screen, not the whole case view.
    const scroller = screen.getByRole('region', { name: 'Consent records of this case' });
    expect(scroller.className).toBe('table-wrap');
    expect(scroller.tabIndex).toBe(0);
    expect(within(scroller).getByRole('table')).toBeTruthy();
    expect(
      within(row as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'Sharing data with an agency',
      'iom-germany',
      'Identity, Travel',
      'Written',
      'The person',
      expect.stringMatching(/^Withdrawn on /),
      '',
    ]);
    const waiting = screen.getByRole('region', { name: 'Steps waiting for a consent' });
    expect(waiting.textContent).toContain('Assess the return case');
    expect(waiting.textContent).toContain(
      'needs consent for Sharing data with an agency with iom-germany covering Identity, Travel',
    );

    fireEvent.click(within(waiting).getByRole('button', { name: 'Record the consent for Assess the return case' }));
    const form = screen.getByRole('form', { name: 'Record a consent' });
    expect((within(form).getByLabelText('Purpose') as HTMLSelectElement).value).toBe('sharing');
    expect((within(form).getByLabelText('Shared with agency') as HTMLSelectElement).value).toBe('iom-germany');
    expect((within(form).getByLabelText('Travel') as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByLabelText('Health') as HTMLInputElement).checked).toBe(false);
    // The agencies offered are the case's own participants.
    expect(
      Array.from((within(form).getByLabelText('Shared with agency') as HTMLSelectElement).options).map((o) => o.value),
    ).toEqual(['', 'adpare', 'iom-germany', 'mh-heilbronn']);

    fireEvent.click(within(form).getByRole('button', { name: 'Record the consent' }));
    expect(within(form).getByLabelText('Form of consent').getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.init?.method === 'POST')).toEqual([]);

    fireEvent.change(within(form).getByLabelText('Form of consent'), { target: { value: 'verbal' } });
    fireEvent.change(within(form).getByLabelText('Given by'), { target: { value: 'person' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the consent' }));
    await screen.findByText('Consent recorded.');
    expect(bodyOf(`/cases/${CASE_ID}/consents`)).toEqual({
      purpose: 'sharing',
      sharedWithAgency: 'iom-germany',
      scope: ['identity', 'travel'],
      form: 'verbal',
      givenBy: 'person',
    });
    expect(onChanged).toHaveBeenCalled();
  });

  it("shows the server's field errors next to the inputs and withdraws an active consent with a reason", async () => {
    serve((url, init) =>
      url === `/cases/${CASE_ID}/consents` && init?.method === 'POST'
        ? {
            status: 400,
            body: {
              error: 'validation_failed',
              message: 'The consent has invalid fields; see `fields`.',
              fields: [
                { field: 'givenBy', reason: "a minor's consent is given by the guardian or the responsible authority" },
              ],
            },
          }
        : url === `/cases/${CASE_ID}/consents/c-1/withdraw`
          ? { status: 200, body: consent({ status: 'withdrawn' }) }
          : url === `/cases/${CASE_ID}/consents`
            ? { status: 200, body: { items: [consent({})] } }
            : undefined,
    );
    render(
      <I18nProvider initial="it">
        <Consents kase={{ ...kase, waitingForConsent: [] }} stepTitle={(s) => s} onChanged={() => undefined} />
      </I18nProvider>,
    );
    await screen.findByRole('table', { name: 'Consensi registrati in questo caso' });
    expect(screen.queryByRole('region', { name: 'Passaggi in attesa di un consenso' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Registra un consenso' }));
    const form = screen.getByRole('form', { name: 'Registra un consenso' });
    fireEvent.change(within(form).getByLabelText('Finalità'), { target: { value: 'assistance' } });
    fireEvent.click(within(form).getByLabelText('Bisogni e rischi'));
    fireEvent.change(within(form).getByLabelText('Forma del consenso'), { target: { value: 'written' } });
    fireEvent.change(within(form).getByLabelText('Dato da'), { target: { value: 'person' } });
    fireEvent.click(within(form).getByLabelText(/La persona è minorenne/));
    fireEvent.click(within(form).getByRole('button', { name: 'Registra il consenso' }));
    const givenBy = within(form).getByLabelText('Dato da');
    await waitFor(() => expect(givenBy.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(givenBy.getAttribute('aria-describedby')!)!.textContent).toMatch(/guardian/);
    expect(bodyOf(`/cases/${CASE_ID}/consents`)).toEqual({
      purpose: 'assistance',
      scope: ['needs-and-risks'],
      form: 'written',
      givenBy: 'person',
      personIsMinor: true,
    });

    fireEvent.click(screen.getByText('Revoca'));
    fireEvent.click(screen.getByRole('button', { name: 'Revoca il consenso' }));
    expect(calls.some((c) => c.url.endsWith('/withdraw'))).toBe(false);
    fireEvent.change(screen.getByLabelText(/Motivo della revoca/), {
      target: { value: 'La persona ha chiesto di fermare lo scambio' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Revoca il consenso' }));
    await screen.findByText(/Consenso revocato/);
    expect(bodyOf(`/cases/${CASE_ID}/consents/c-1/withdraw`)).toEqual({
      reason: 'La persona ha chiesto di fermare lo scambio',
    });
  });
});

describe('compartment notes', () => {
  it('offers only the compartments the caller may write and shows the server errors next to the fields', async () => {
    const onDone = jest.fn();
    const allow = (write: boolean) => ({ read: { allowed: true }, write: { allowed: write } });
    serve((url, init) =>
      url === '/policy?sop=assisted-return'
        ? {
            status: 200,
            body: {
              view: {
                sop: 'assisted-return',
                agencyId: 'x',
                roles: [],
                slots: [],
                compartments: { identity: allow(true), inspection: allow(false), return: allow(true) },
              },
            },
          }
        : url === `/cases/${CASE_ID}/notes` && JSON.parse(init!.body as string).subject === 'bad code'
          ? {
              status: 400,
              body: {
                error: 'validation_failed',
                message: 'x',
                fields: [{ field: 'subject', reason: 'must be a person code of letters, digits and dashes' }],
              },
            }
          : url === `/cases/${CASE_ID}/notes`
            ? { status: 201, body: { noteId: 'n-1' } }
            : undefined,
    );
    render(
      <I18nProvider initial="en">
        <Notes caseId={CASE_ID} sop="assisted-return" onDone={onDone} />
      </I18nProvider>,
    );
    const select = (await screen.findByLabelText('Compartment')) as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(['', 'identity', 'return']);
    fireEvent.click(screen.getByRole('button', { name: 'Add the note' }));
    expect(screen.getByLabelText('Note').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(select, { target: { value: 'return' } });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Call planned with the interpreter.' } });
    fireEvent.change(screen.getByLabelText(/Person code/), { target: { value: 'bad code' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the note' }));
    await waitFor(() => expect(screen.getByLabelText(/Person code/).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText(/must be a person code/)).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText(/Person code/), { target: { value: 'P1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add the note' }));
    await screen.findByText('Note added.');
    expect(JSON.parse(calls[calls.length - 1].init!.body as string)).toEqual({
      compartment: 'return',
      text: 'Call planned with the interpreter.',
      subject: 'P1',
    });
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('offers nothing to a caller who may write no compartment', async () => {
    serve((url) =>
      url.startsWith('/policy')
        ? {
            status: 200,
            body: { view: { compartments: { identity: { read: { allowed: true }, write: { allowed: false } } } } },
          }
        : undefined,
    );
    const { container } = render(
      <I18nProvider initial="en">
        <Notes caseId={CASE_ID} sop="assisted-return" onDone={() => undefined} />
      </I18nProvider>,
    );
    await waitFor(() => expect(calls.length).toBe(1));
    // Let the policy answer land before looking.
    await act(async () => {
      await (global.fetch as jest.Mock).mock.results[0].value;
    });
    expect(container.textContent).toBe('');
  });
});
