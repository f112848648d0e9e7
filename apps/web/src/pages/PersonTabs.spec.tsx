import { fireEvent, render, screen, within } from '@testing-library/react';
import type { CaseDetail, SopDescription } from '../api';
import { I18nProvider } from '../i18n';
import { PersonTabs, subjectsOf } from './PersonTabs';

const sop = {
  id: 'example',
  title: 'Example',
  participants: {},
  steps: [{ id: 'interview', title: 'Interview the person' }],
  endStates: [{ id: 'referred' }],
} as unknown as SopDescription;

const entry = (kind: string, subject: string, at: string, detail: Record<string, unknown> = {}) => ({
  at,
  kind,
  step: kind.startsWith('task') ? 'interview' : null,
  agencyId: 'a',
  detail: { subject, ...detail },
});

const kase = {
  caseId: 'c',
  participants: {},
  openTasks: [
    {
      step: 'interview',
      subject: 'W2',
      phase: null,
      title: '',
      agencyId: 'a',
      roles: [],
      openedAt: '2026-11-02T10:00:00Z',
      dueAt: '2026-11-09T10:00:00Z',
    },
  ],
  timeline: [
    { at: '2026-11-01T09:00:00Z', kind: 'case-opened', step: null, agencyId: 'a', detail: {} },
    entry('person-branch-started', 'W1', '2026-11-01T10:00:00Z'),
    entry('person-branch-started', 'W2', '2026-11-01T10:00:00Z'),
    entry('person-branch-ended', 'W1', '2026-11-03T10:00:00Z', { endState: 'referred' }),
  ],
  waitingForConsent: [],
  escalations: [],
} as unknown as CaseDetail;

describe('per-person tabs', () => {
  it('finds the people of a case in the order they appear', () => {
    expect(subjectsOf(kase)).toEqual(['W1', 'W2']);
    expect(subjectsOf({ ...kase, timeline: [], openTasks: [] })).toEqual([]);
  });

  it("shows each person's branch, outcome and deadlines, one tab at a time, arrow keys moving between tabs", () => {
    render(
      <I18nProvider initial="en">
        <PersonTabs kase={kase} sop={sop} stepTitle={(id) => (id === 'interview' ? 'Interview the person' : '')} />
      </I18nProvider>,
    );
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Person W1', 'true'],
      ['Person W2', 'false'],
    ]);
    const panel = screen.getByRole('tabpanel');
    expect(within(panel).getByText('Referred')).toBeTruthy();
    expect(within(panel).getByTestId('person-branch').textContent).toMatch(/^started .* · ended /);

    fireEvent.keyDown(tabs[0], { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Person W2' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Person W2' }));
    const w2 = screen.getByRole('tabpanel');
    expect(within(w2).getByText('Still open')).toBeTruthy();
    expect(within(w2).getByText(/^Interview the person \(a\) · Due /)).toBeTruthy();
  });
});
