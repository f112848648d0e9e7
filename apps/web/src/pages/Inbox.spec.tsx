import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Task } from '../api';
import { I18nProvider } from '../i18n';
import type { Session } from '../session';
import { Inbox, INBOX_LIMIT, InboxTable } from './Inbox';
import { arrangeTasks, EMPTY_FILTER } from './inbox-model';

const task = (over: Partial<Task>): Task => ({
  taskId: over.taskId ?? 't',
  caseId: '00000000-0000-4000-8000-000000000001',
  sop: 'venice-inspection',
  step: 'preliminary-needs-assessment',
  title: 'Preliminary case assessment: identify the needs',
  subject: null,
  phase: 'protection',
  agencyId: 'venice-cau',
  roles: ['social-worker'],
  status: 'open',
  openedAt: '2026-11-01T10:00:00Z',
  dueAt: null,
  overdue: false,
  claimedBy: null,
  completedAt: null,
  ...over,
});

const TASKS = [
  task({ taskId: 'a', dueAt: '2026-11-05T10:00:00Z', openedAt: '2026-11-01T09:00:00Z' }),
  task({
    taskId: 'b',
    dueAt: '2026-11-02T10:00:00Z',
    overdue: true,
    step: 'information-and-counselling',
    title: 'Information and counselling',
    claimedBy: 'me',
  }),
  task({
    taskId: 'c',
    dueAt: null,
    sop: 'demo-handoff',
    step: 'review-intake',
    title: 'Review the intake',
    openedAt: '2026-11-03T09:00:00Z',
  }),
];
const session: Session = { token: 'x', sub: 'me', agency: 'venice-cau', roles: ['social-worker'], mode: 'local' };

describe('inbox sorting and filtering', () => {
  it('sorts by due date (undated last), opened date and step, both ways', () => {
    expect(arrangeTasks(TASKS, EMPTY_FILTER, 'due', 'asc', 'me').map((t) => t.taskId)).toEqual(['b', 'a', 'c']);
    expect(arrangeTasks(TASKS, EMPTY_FILTER, 'due', 'desc', 'me').map((t) => t.taskId)).toEqual(['a', 'b', 'c']);
    expect(arrangeTasks(TASKS, EMPTY_FILTER, 'opened', 'desc', 'me').map((t) => t.taskId)).toEqual(['c', 'b', 'a']);
    expect(arrangeTasks(TASKS, EMPTY_FILTER, 'step', 'asc', 'me').map((t) => t.taskId)).toEqual(['b', 'a', 'c']);
  });

  it('filters by SOP, text, overdue and claim', () => {
    const ids = (f: Partial<typeof EMPTY_FILTER>) =>
      arrangeTasks(TASKS, { ...EMPTY_FILTER, ...f }, 'due', 'asc', 'me').map((t) => t.taskId);
    expect(ids({ sop: 'demo-handoff' })).toEqual(['c']);
    expect(ids({ text: 'counsel' })).toEqual(['b']);
    expect(ids({ overdueOnly: true })).toEqual(['b']);
    expect(ids({ claim: 'unclaimed' })).toEqual(['a', 'c']);
    expect(ids({ claim: 'mine' })).toEqual(['b']);
  });

  it('renders the table with overdue state, sorts on header click and filters from the controls', () => {
    const onClaim = jest.fn();
    render(
      <I18nProvider initial="en">
        <InboxTable tasks={TASKS} session={session} onClaim={onClaim} />
      </I18nProvider>,
    );
    const stepsShown = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-step'));
    expect(stepsShown()).toEqual(['information-and-counselling', 'preliminary-needs-assessment', 'review-intake']);
    const overdueRow = screen.getAllByRole('row')[1];
    expect(within(overdueRow).getByText('Overdue')).toBeTruthy();
    expect(within(overdueRow).getByText('Claimed by you')).toBeTruthy();

    const dueHeader = screen.getByRole('columnheader', { name: /Due/ });
    expect(dueHeader.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(dueHeader).getByRole('button'));
    expect(dueHeader.getAttribute('aria-sort')).toBe('descending');
    expect(stepsShown()[0]).toBe('preliminary-needs-assessment');

    fireEvent.click(screen.getByLabelText('Overdue only'));
    expect(stepsShown()).toEqual(['information-and-counselling']);
    expect(screen.getByText('Showing 1 of 3 open tasks')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Overdue only'));

    fireEvent.click(screen.getByRole('button', { name: /Claim Review the intake/ }));
    expect(onClaim).toHaveBeenCalledWith(expect.objectContaining({ taskId: 'c' }));
  });

  it('says when the inbox holds only the most urgent tasks, and not otherwise', async () => {
    const answer = (n: number) =>
      jest.fn(async () => ({
        ok: true,
        status: 200,
        json: async () => ({ items: Array.from({ length: n }, (_, i) => task({ taskId: `t${i}` })) }),
      })) as unknown as typeof fetch;
    global.fetch = answer(INBOX_LIMIT);
    const full = render(
      <I18nProvider initial="en">
        <Inbox session={session} />
      </I18nProvider>,
    );
    await screen.findByTestId('inbox-truncated');
    expect(screen.getByTestId('inbox-truncated').textContent).toMatch(`Only the ${INBOX_LIMIT} most urgent`);
    full.unmount();
    global.fetch = answer(3);
    render(
      <I18nProvider initial="en">
        <Inbox session={session} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(4));
    expect(screen.queryByTestId('inbox-truncated')).toBeNull();
  });
});
