import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import type { CaseDetail, JsonSchema, SopDescription, Task } from '../api';
import { I18nProvider } from '../i18n';
import { currentPath } from '../router';
import type { Session } from '../session';
import { Inbox, InboxTable } from './Inbox';
import { TaskPage } from './TaskPage';

const CASE_ID = '11111111-2222-4333-8444-555555555555';
const TASK_ID = '22222222-3333-4444-8555-666666666666';
const session: Session = { token: 'tok', sub: 'ana', agency: 'dest-ngo', roles: ['ngo-caseworker'], mode: 'local' };

const sop = {
  id: 'example',
  version: 1,
  title: 'Example',
  summary: '',
  participants: { dest: { kind: 'ngo', label: 'Destination NGO' }, origin: { kind: 'ngo', label: 'Origin NGO' } },
  intake: formToJsonSchema({ fields: {} }) as JsonSchema,
  steps: [
    {
      id: 'plan-return',
      title: 'Plan the return',
      actor: { slot: 'dest', roles: ['ngo-caseworker'] },
      target: 'P7D',
      phase: null,
      description: 'Agree the plan with the person (seed L10-L12).',
      form: formToJsonSchema({
        fields: {
          code: { type: 'string', label: 'Person code', required: true, pattern: '^W[0-9]+$', patternHint: 'W1, W2…' },
        },
      }) as JsonSchema,
    },
  ],
  events: [],
  transitions: [],
  endStates: [],
  diagram: '',
} as SopDescription;

const kase = {
  caseId: CASE_ID,
  sop: 'example',
  status: 'open',
  participants: { dest: 'dest-ngo', origin: 'origin-ngo' },
  allowedActions: [],
  state: { status: 'open', endState: null, currentSteps: ['plan-return'] },
  openTasks: [],
  timeline: [
    { at: '2026-11-01T10:00:00Z', kind: 'task-opened', step: 'plan-return', agencyId: 'dest-ngo', detail: {} },
    {
      at: '2026-11-02T10:00:00Z',
      kind: 'decision',
      step: 'plan-return',
      agencyId: 'origin-ngo',
      detail: { field: 'accepted', value: 'sent-back', reason: 'The travel date is missing' },
    },
  ],
  escalations: [],
  compartments: {
    return: [
      {
        step: 'plan-return',
        subject: null,
        source: 'task',
        agencyId: 'dest-ngo',
        recordedAt: '2026-11-01T12:00:00Z',
        data: { code: 'W7' },
      },
    ],
  },
} as unknown as CaseDetail;

const task: Task = {
  taskId: TASK_ID,
  caseId: CASE_ID,
  sop: 'example',
  step: 'plan-return',
  title: 'Plan the return',
  subject: null,
  phase: null,
  agencyId: 'dest-ngo',
  roles: ['ngo-caseworker'],
  status: 'open',
  openedAt: '2026-11-01T10:00:00Z',
  dueAt: '2026-11-08T10:00:00Z',
  overdue: false,
  claimedBy: null,
  completedAt: null,
};

describe('task page', () => {
  const calls: { url: string; init?: RequestInit }[] = [];
  beforeEach(() => {
    calls.length = 0;
    sessionStorage.setItem('waymark.session', JSON.stringify(session));
    history.replaceState(null, '', `/app/cases/${CASE_ID}/tasks/${TASK_ID}`);
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      const body = url.startsWith('/tasks/')
        ? { status: 'completed' }
        : url.startsWith('/cases/')
          ? kase
          : url.startsWith('/sops/')
            ? sop
            : url === '/agencies'
              ? {
                  items: [
                    { id: 'dest-ngo', name: 'Destination Care', kind: 'ngo' },
                    { id: 'origin-ngo', name: 'Origin Shelter', kind: 'ngo' },
                  ],
                }
              : { items: [task] };
      return { ok: true, status: 200, json: async () => body } as Response;
    }) as unknown as typeof fetch;
  });

  it('puts the form first with the case beside it, refuses a name where a code is due, and returns to the inbox with a confirmation', async () => {
    render(
      <I18nProvider initial="en">
        <TaskPage caseId={CASE_ID} taskId={TASK_ID} session={session} />
      </I18nProvider>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Plan the return' });
    const form = screen.getByRole('region', { name: 'What this step asks' });
    expect(within(form).getByText('Agree the plan with the person.')).toBeTruthy();
    const context = screen.getByRole('complementary', { name: 'About this case' });
    // Who is on the case, by name; what happened to this step before, with why it was sent back.
    await within(context).findByText('Origin Shelter');
    expect(within(context).getByText(/sent back — The travel date is missing \(Origin Shelter\)/)).toBeTruthy();
    expect(within(context).getByTestId('task-holder').textContent).toMatch(/^Nobody yet/);
    // The earlier round's answers, labelled as the form labels them.
    const earlier = within(context).getByTestId('earlier-record');
    expect(earlier.textContent).toMatch(/^Answers recorded .* by Destination Care:Person codeW7$/);

    // A name typed where the SOP wants a code is refused before anything is sent, with the reason.
    fireEvent.change(within(form).getByLabelText(/^Person code/), { target: { value: 'Maria' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Complete the step' }));
    await within(form).findByText(/W1, W2…/);
    expect(calls.some((c) => c.url.endsWith('/complete'))).toBe(false);

    fireEvent.change(within(form).getByLabelText(/^Person code/), { target: { value: 'W1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Complete the step' }));
    await waitFor(() => expect(currentPath()).toBe('/'));
    const complete = calls.find((c) => c.url === `/tasks/${TASK_ID}/complete`)!;
    expect(JSON.parse(String(complete.init!.body))).toEqual({ form: { code: 'W1' } });

    // The inbox it returns to says what was done, in a status region screen readers announce.
    render(
      <I18nProvider initial="en">
        <Inbox session={session} />
      </I18nProvider>,
    );
    const status = await screen.findByTestId('inbox-status');
    expect(status.textContent).toBe(
      'Completed: Plan the return (case 11111111). The case has moved on. Open case 11111111',
    );
    expect(status.getAttribute('role')).toBe('status');
    // It leads to the case, to see it move on.
    expect(within(status).getByRole('link').getAttribute('href')).toBe(`/app/cases/${CASE_ID}`);
  });

  it('claims an unclaimed task on open, says so, and Undo gives it back to the team', async () => {
    let holder: string | null = null;
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      if (url.endsWith('/claim')) holder = 'ana';
      if (url.endsWith('/release')) holder = null;
      const body = url.startsWith('/tasks/')
        ? { taskId: TASK_ID, claimedBy: holder }
        : url.startsWith('/cases/')
          ? kase
          : url.startsWith('/sops/')
            ? sop
            : url === '/agencies'
              ? { items: [] }
              : { items: [{ ...task, claimedBy: holder }] };
      return { ok: true, status: 200, json: async () => body } as Response;
    }) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <TaskPage caseId={CASE_ID} taskId={TASK_ID} session={session} />
      </I18nProvider>,
    );
    const status = await screen.findByText(/^You hold this task now, so colleagues know you are on it\./);
    await waitFor(() => expect(screen.getByTestId('task-holder').textContent).toMatch(/^Claimed by you/));
    expect(calls.filter((c) => c.url === `/tasks/${TASK_ID}/claim`)).toHaveLength(1);
    fireEvent.click(within(status).getByRole('button', { name: 'Undo' }));
    await screen.findByText('The task is back with the team: anyone with its role can take it.');
    await waitFor(() => expect(screen.getByTestId('task-holder').textContent).toMatch(/^Nobody yet/));
    expect(calls.filter((c) => c.url === `/tasks/${TASK_ID}/release`)).toHaveLength(1);
    // Given back on purpose: the page does not claim it again by itself.
    expect(calls.filter((c) => c.url === `/tasks/${TASK_ID}/claim`)).toHaveLength(1);
  });

  it('opens the task when any part of its inbox row is clicked', () => {
    history.replaceState(null, '', '/app/');
    render(
      <I18nProvider initial="en">
        <InboxTable tasks={[task]} session={session} onClaim={() => undefined} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByText('On time'));
    expect(currentPath()).toBe(`/cases/${CASE_ID}/tasks/${TASK_ID}`);
    // The step's name is a link too, for keyboards.
    expect(screen.getByRole('link', { name: 'Plan the return' }).getAttribute('href')).toBe(
      `/app/cases/${CASE_ID}/tasks/${TASK_ID}`,
    );
  });
});
