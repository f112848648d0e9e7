import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import type { CaseDetail, JsonSchema, SopDescription, Task } from '../api';
import { I18nProvider } from '../i18n';
import type { Session } from '../session';
import { CaseView } from './CaseView';

const CASE_ID = '11111111-2222-4333-8444-555555555555';
const session: Session = { token: 'tok', sub: 'ana', agency: 'dest-ngo', roles: ['ngo-caseworker'], mode: 'local' };

const sop: SopDescription = {
  id: 'example',
  version: 1,
  title: 'Example',
  summary: 'An example',
  participants: {
    dest: { kind: 'ngo', label: 'Destination NGO', defaultAgency: 'dest-ngo' },
    consulate: { kind: 'consulate', label: 'Consulate' },
  },
  intake: formToJsonSchema({ fields: {} }) as JsonSchema,
  steps: [
    {
      id: 'record-consent',
      title: 'Record the consent',
      actor: { slot: 'dest', roles: ['ngo-caseworker'] },
      target: 'P7D',
      phase: null,
      description: 'Ask the person.',
      form: formToJsonSchema({
        fields: { consents: { type: 'boolean', label: 'The person consents', required: true } },
      }) as JsonSchema,
    },
  ],
  events: [
    {
      type: 'person-withdrew',
      title: 'The person withdrew',
      reporters: [{ slot: 'dest', roles: ['ngo-caseworker'] }],
      description: '',
      form: formToJsonSchema({ fields: {} }) as JsonSchema,
    },
    {
      type: 'document-issued',
      title: 'Travel document issued',
      reporters: [{ slot: 'consulate', roles: ['consular-officer'] }],
      description: '',
      form: formToJsonSchema({ fields: {} }) as JsonSchema,
    },
  ],
  transitions: [{ from: 'start', to: 'record-consent' }],
  endStates: [],
  diagram: '',
};

const kase: CaseDetail = {
  caseId: CASE_ID,
  sop: 'example',
  sopVersion: 1,
  status: 'open',
  endState: null,
  openedAt: '2026-11-01T10:00:00Z',
  closedAt: null,
  participants: { dest: 'dest-ngo', consulate: 'the-consulate' },
  allowedActions: [],
  state: { status: 'open', endState: null, currentSteps: ['record-consent'] },
  openTasks: [
    {
      taskId: 't-1',
      step: 'record-consent',
      subject: null,
      phase: null,
      title: 'Record the consent',
      agencyId: 'dest-ngo',
      roles: ['ngo-caseworker'],
      openedAt: '2026-11-01T10:00:00Z',
      dueAt: null,
    },
  ],
  timeline: [{ at: '2026-11-01T10:00:00Z', kind: 'case-opened', step: null, agencyId: 'dest-ngo', detail: {} }],
  escalations: [],
  redacted: ['compartment:health'],
};

const task: Task = {
  taskId: 't-1',
  caseId: CASE_ID,
  sop: 'example',
  step: 'record-consent',
  title: 'Record the consent',
  subject: null,
  phase: null,
  agencyId: 'dest-ngo',
  roles: ['ngo-caseworker'],
  status: 'open',
  openedAt: '2026-11-01T10:00:00Z',
  dueAt: null,
  overdue: false,
  claimedBy: null,
  completedAt: null,
};

describe('case view', () => {
  const calls: { url: string; init?: RequestInit }[] = [];
  beforeEach(() => {
    calls.length = 0;
    sessionStorage.setItem('waymark.session', JSON.stringify(session));
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const body =
        url.startsWith('/cases/') && init?.method === 'POST'
          ? { status: 'completed' }
          : url.startsWith('/tasks/')
            ? { status: 'completed' }
            : url.startsWith('/cases/')
              ? kase
              : url.startsWith('/sops/')
                ? sop
                : url === '/agencies'
                  ? { items: [{ id: 'dest-ngo', name: 'Destination Care', kind: 'ngo' }] }
                  : { items: [task] };
      return { ok: true, status: 200, json: async () => body } as Response;
    }) as unknown as typeof fetch;
  });

  it("shows the caller's task with its form, only the events the caller's role may report, and what is withheld", async () => {
    render(
      <I18nProvider initial="en">
        <CaseView caseId={CASE_ID} session={session} />
      </I18nProvider>,
    );
    const card = await screen.findByRole('region', { name: 'Record the consent' });
    expect(screen.getByText('The person withdrew')).toBeTruthy();
    expect(screen.queryByText('Travel document issued')).toBeNull();
    expect(screen.getByText('health').parentElement!.textContent).toBe('health: withheld for your role');
    // Each open step says which agency and roles hold it, in words: who to ask, or which seat to try.
    expect(await screen.findByText(/Destination Care \(roles: NGO caseworker\)/)).toBeTruthy();
    // Who is on the case: each slot by its label, each agency by its name (an unknown one as its id).
    const who = screen.getByRole('region', { name: 'Who is on the case' });
    expect(within(who).getByText('Destination NGO').nextElementSibling!.textContent).toBe('Destination Care');
    expect(within(who).getByText('Consulate').nextElementSibling!.textContent).toBe('the-consulate');
    // The task also opens as a page of its own.
    expect(within(card).getByRole('link', { name: 'Open as a page' }).getAttribute('href')).toBe(
      `/app/cases/${CASE_ID}/tasks/t-1`,
    );

    fireEvent.change(within(card).getByLabelText(/The person consents/), { target: { value: 'true' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Complete the step' }));
    await waitFor(() => expect(calls.some((c) => c.url === '/tasks/t-1/complete')).toBe(true));
    const complete = calls.find((c) => c.url === '/tasks/t-1/complete')!;
    const headers = complete.init!.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(headers['idempotency-key']).toMatch(/.{16,}/);
    expect(JSON.parse(complete.init!.body as string)).toEqual({ form: { consents: true } });
    expect(await screen.findByText('Completed: Record the consent.')).toBeTruthy();
  });

  it('lists the deadlines from the case data: a date, one not known yet, one withheld; the task shows its own', async () => {
    const base = global.fetch as jest.Mock;
    const withDeadlines: CaseDetail = {
      ...kase,
      dataDeadlines: [
        { id: 'travel-limit', label: 'medical travel limit', at: '2027-01-10T00:00:00.000Z', steps: ['book'] },
        { id: 'document-expiry', label: 'expiry of the travel document', at: null, steps: ['book'] },
        { id: 'age-out', label: "child's 18th birthday", steps: null, withheld: 'identity' },
      ],
    };
    global.fetch = jest.fn(async (url: string, init?: RequestInit) =>
      url.startsWith('/cases/') && init?.method !== 'POST'
        ? ({ ok: true, status: 200, json: async () => withDeadlines } as Response)
        : url.startsWith('/tasks')
          ? ({
              ok: true,
              status: 200,
              json: async () => ({
                items: [{ ...task, deadline: { id: 'travel-limit', at: '2027-01-10T00:00:00.000Z' } }],
              }),
            } as Response)
          : (base(url, init) as Promise<Response>),
    ) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <CaseView caseId={CASE_ID} session={session} />
      </I18nProvider>,
    );
    const list = await screen.findByTestId('data-deadlines');
    const items = within(list)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toMatch(/^medical travel limit: .*2027/);
    expect(items.slice(1)).toEqual([
      'expiry of the travel document: not known yet',
      "child's 18th birthday: date withheld (kept in identity)",
    ]);
    const card = await screen.findByRole('region', { name: 'Record the consent' });
    expect(within(card).getByText(/Deadline from case data: medical travel limit/)).toBeTruthy();
  });

  it('says in words why a completion was refused for want of consent, and shows the consents section', async () => {
    const base = global.fetch as jest.Mock;
    global.fetch = jest.fn(async (url: string, init?: RequestInit) =>
      url === '/tasks/t-1/complete'
        ? ({
            ok: false,
            status: 409,
            statusText: 'Conflict',
            json: async () => ({ error: 'consent_required', message: 'consent missing' }),
          } as Response)
        : url === `/cases/${CASE_ID}/consents`
          ? ({ ok: true, status: 200, json: async () => ({ items: [] }) } as Response)
          : base(url, init),
    ) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <CaseView caseId={CASE_ID} session={session} />
      </I18nProvider>,
    );
    const card = await screen.findByRole('region', { name: 'Record the consent' });
    expect(await screen.findByText('No consents recorded yet.')).toBeTruthy();
    fireEvent.change(within(card).getByLabelText(/The person consents/), { target: { value: 'true' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Complete the step' }));
    expect(
      await within(card).findByText(/a consent it shares data under has been withdrawn\. Record a new consent/),
    ).toBeTruthy();
  });

  it('lets a data-protection officer the policy allows erase the case after a confirmation, then shows it as erased', async () => {
    const dpo: Session = { ...session, roles: ['data-protection-officer'] };
    sessionStorage.setItem('waymark.session', JSON.stringify(dpo));
    let erased = false;
    const base = global.fetch as jest.Mock;
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (url === `/cases/${CASE_ID}/erase`) {
        erased = true;
        return { ok: true, status: 200, json: async () => ({ caseId: CASE_ID, status: 'erased' }) } as Response;
      }
      if (erased && url === `/cases/${CASE_ID}`)
        return {
          ok: false,
          status: 410,
          statusText: 'Gone',
          json: async () => ({ error: 'case_erased', message: 'This case was erased.' }),
        } as Response;
      if (url === `/cases/${CASE_ID}`) {
        const granted: CaseDetail = { ...kase, allowedActions: ['case:erase'] };
        return { ok: true, status: 200, json: async () => granted } as Response;
      }
      return base(url, init);
    }) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <CaseView caseId={CASE_ID} session={dpo} />
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByText('Erase this case (data protection)'));
    fireEvent.click(screen.getByRole('button', { name: 'Erase the case…' }));
    expect(screen.getByLabelText(/^Reason \(kept in the erasure record/).getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByLabelText(/^Reason \(kept in the erasure record/), {
      target: { value: 'Request of the person under GDPR art. 17' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Erase the case…' }));
    const dialog = screen.getByRole('alertdialog', { name: /Erase this case permanently\?/ });
    expect(erased).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Erase permanently' }));
    expect(await screen.findByText('This case has been erased: its personal data can no longer be read.')).toBeTruthy();
    const call = (global.fetch as jest.Mock).mock.calls.find(([u]) => u === `/cases/${CASE_ID}/erase`)!;
    expect(JSON.parse(call[1].body)).toEqual({ reason: 'Request of the person under GDPR art. 17' });
  });

  it('offers neither cancel nor erase when the policy grants the caller neither, whatever the roles', async () => {
    const dpo: Session = { ...session, roles: ['data-protection-officer', 'supervisor'] };
    render(
      <I18nProvider initial="en">
        <CaseView caseId={CASE_ID} session={dpo} />
      </I18nProvider>,
    );
    await screen.findByRole('region', { name: 'Record the consent' });
    expect(screen.queryByText('Erase this case (data protection)')).toBeNull();
    expect(screen.queryByText('Cancel this case')).toBeNull();
  });

  it("lets the lead agency's coordinator cancel the case after a confirmation", async () => {
    const base = global.fetch as jest.Mock;
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (url === `/cases/${CASE_ID}` && init?.method !== 'POST') {
        const granted: CaseDetail = { ...kase, allowedActions: ['case:cancel'] };
        return { ok: true, status: 200, json: async () => granted } as Response;
      }
      return base(url, init);
    }) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <CaseView caseId={CASE_ID} session={session} />
      </I18nProvider>,
    );
    fireEvent.click(await screen.findByText('Cancel this case'));
    expect(screen.queryByText('Erase this case (data protection)')).toBeNull();
    fireEvent.change(screen.getByLabelText(/^Reason \(kept in the case record/), { target: { value: 'Opened twice' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel the case…' }));
    const dialog = screen.getByRole('alertdialog', { name: /Cancel this case for every agency taking part\?/ });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel the case' }));
    expect(await screen.findByText('Cancelling the case: its open tasks close for every agency.')).toBeTruthy();
    const call = (global.fetch as jest.Mock).mock.calls.find(([u]) => u === `/cases/${CASE_ID}/cancel`)!;
    expect(JSON.parse(call[1].body)).toEqual({ reason: 'Opened twice' });
  });
});
