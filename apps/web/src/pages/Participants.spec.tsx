import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CaseDetail, SopDescription } from '../api';
import { resetDirectory } from '../directory';
import { I18nProvider } from '../i18n';
import { Participants } from './Participants';

const sop = {
  id: 'example',
  participants: {
    lead: { kind: 'police', label: 'Police' },
    ngo: { kind: 'ngo', label: 'NGO' },
  },
} as unknown as SopDescription;

const kase = {
  caseId: 'case-1',
  participants: { lead: 'police-1', ngo: 'ngo-old' },
  allowedActions: ['case:change-participants'],
  changeableSlots: ['ngo'],
  participantHistory: [
    { at: '2026-11-02T10:00:00Z', slot: 'ngo', from: 'ngo-first', to: 'ngo-old', byAgency: 'police-1' },
  ],
} as unknown as CaseDetail;

const directory = [
  { id: 'police-1', name: 'Regional Police', kind: 'police' },
  { id: 'ngo-first', name: 'First NGO', kind: 'ngo' },
  { id: 'ngo-old', name: 'Old NGO', kind: 'ngo' },
  { id: 'ngo-new', name: 'New NGO', kind: 'ngo' },
];

describe('participants of a case', () => {
  let posted: { url: string; body: unknown }[] = [];
  beforeEach(() => {
    posted = [];
    resetDirectory();
    sessionStorage.setItem('waymark.session', JSON.stringify({ token: 't', sub: 's', agency: 'police-1', roles: [] }));
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') posted.push({ url, body: JSON.parse(String(init.body)) });
      const body = url === '/agencies' ? { items: directory } : { caseId: 'case-1' };
      return { ok: true, status: url === '/agencies' ? 200 : 201, json: async () => body } as Response;
    }) as unknown as typeof fetch;
  });

  it('names who fills each slot and the history of changes, by agency name', async () => {
    render(
      <I18nProvider initial="en">
        <Participants kase={kase} sop={sop} />
      </I18nProvider>,
    );
    expect(await screen.findByText(/NGO from First NGO to Old NGO/)).toBeTruthy();
    expect(screen.getByText('Regional Police')).toBeTruthy();
  });

  it('lets the lead put another agency of the right kind in a changeable slot, with a reason', async () => {
    const changed = jest.fn();
    render(
      <I18nProvider initial="en">
        <Participants kase={kase} sop={sop} onChanged={changed} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByText('Change an agency on this case'));
    fireEvent.click(screen.getByRole('button', { name: 'Change the agency' }));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'This field is required.',
      'This field is required.',
    ]);
    const agency = await screen.findByLabelText('Agency that takes over');
    await waitFor(() => expect(agency.querySelectorAll('option').length).toBe(4));
    // Only NGOs other than the one in the slot now: never the police agency, never the NGO being replaced;
    // and the choice that the agency in the slot withdraws with no one taking over yet.
    expect([...agency.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      '— choose —',
      'None for now: the agency in this slot withdraws (your agency holds its tasks)',
      'First NGO',
      'New NGO',
    ]);
    fireEvent.change(agency, { target: { value: 'ngo-new' } });
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'Moved to another town' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change the agency' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'NGO is now New NGO.');
    expect(posted).toEqual([
      {
        url: '/cases/case-1/participants',
        body: { slot: 'ngo', agencyId: 'ngo-new', reason: 'Moved to another town' },
      },
    ]);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('lets the lead record that the agency in a slot withdraws, with no agency taking over yet', async () => {
    render(
      <I18nProvider initial="en">
        <Participants kase={kase} sop={sop} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByText('Change an agency on this case'));
    const agency = await screen.findByLabelText('Agency that takes over');
    await waitFor(() => expect(agency.querySelectorAll('option').length).toBe(4));
    fireEvent.change(agency, { target: { value: '(withdraw)' } });
    fireEvent.change(screen.getByLabelText(/Reason/), { target: { value: 'Funding ended' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change the agency' }));
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'The agency in NGO has withdrawn; your agency holds its tasks until another joins.',
    );
    expect(posted).toEqual([
      { url: '/cases/case-1/participants', body: { slot: 'ngo', withdraw: true, reason: 'Funding ended' } },
    ]);
  });

  it('offers no change to a caller the policy does not allow', () => {
    render(
      <I18nProvider initial="en">
        <Participants kase={{ ...kase, allowedActions: [] }} sop={sop} />
      </I18nProvider>,
    );
    expect(screen.queryByText('Change an agency on this case')).toBeNull();
  });
});
