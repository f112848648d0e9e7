import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { formToJsonSchema } from '../../../../libs/contracts/src/forms.contract';
import type { JsonSchema, SopDescription } from '../api';
import { I18nProvider } from '../i18n';
import { currentPath } from '../router';
import type { Session } from '../session';
import { StartCase } from './StartCase';

const session: Session = { token: 't', sub: 'ana', agency: 'demo-a', roles: ['caseworker'], mode: 'local' };
const sop = {
  id: 'demo-handoff',
  version: 1,
  title: 'Demo hand-off',
  summary: '',
  participants: {
    a: { kind: 'demo', label: 'Referring agency', defaultAgency: 'demo-a' },
    b: { kind: 'demo', label: 'Receiving agency', defaultAgency: 'demo-b' },
  },
  intake: formToJsonSchema({
    fields: { channel: { type: 'enum', label: 'How the case came in', options: ['phone'], required: true } },
  }) as JsonSchema,
  steps: [],
  events: [],
  transitions: [],
  endStates: [],
  diagram: '',
} as SopDescription;

describe('start a case', () => {
  it('offers the directory’s agencies of each slot’s kind and sends only the partners the person changed', async () => {
    const posts: unknown[] = [];
    sessionStorage.setItem('waymark.session', JSON.stringify(session));
    global.fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') posts.push(JSON.parse(String(init.body)));
      const body =
        url === '/sops'
          ? { items: [{ id: 'demo-handoff', version: 1, title: 'Demo hand-off', summary: '' }] }
          : url.startsWith('/sops/')
            ? sop
            : url === '/agencies'
              ? {
                  items: [
                    { id: 'demo-a', name: 'Referring agency', kind: 'demo' },
                    { id: 'demo-b', name: 'Receiving agency', kind: 'demo' },
                    { id: 'demo-c', name: 'Another shelter', kind: 'demo' },
                    { id: 'police', name: 'Police', kind: 'police' },
                  ],
                }
              : { caseId: '11111111-2222-4333-8444-555555555555' };
      return { ok: true, status: 201, json: async () => body } as Response;
    }) as unknown as typeof fetch;
    render(
      <I18nProvider initial="en">
        <StartCase session={session} />
      </I18nProvider>,
    );
    await screen.findByRole('option', { name: 'Demo hand-off' });
    fireEvent.change(screen.getByLabelText('Procedure (SOP)'), { target: { value: 'demo-handoff' } });
    const receiving = (await screen.findByLabelText('Receiving agency')) as HTMLSelectElement;
    await waitFor(() =>
      expect([...receiving.options].map((o) => o.textContent)).toEqual([
        'Receiving agency',
        'Referring agency',
        'Another shelter',
      ]),
    );
    expect(receiving.value).toBe('demo-b');
    fireEvent.change(receiving, { target: { value: 'demo-c' } });
    fireEvent.change(screen.getByLabelText(/^How the case came in/), { target: { value: 'phone' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start the case' }));
    await waitFor(() => expect(currentPath()).toBe('/cases/11111111-2222-4333-8444-555555555555'));
    expect(posts).toEqual([{ sop: 'demo-handoff', input: { channel: 'phone' }, participants: { b: 'demo-c' } }]);
  });
});
