import { api, ApiError, requestsSignedOut } from './api';
import { clearSession, saveSession } from './session';

/** Repeat-safe requests keep one Idempotency-Key until the server gives a final answer. */
describe('api: repeat-safe requests', () => {
  const sent: string[] = [];
  let statuses: number[] = [];

  beforeEach(() => {
    sent.length = 0;
    statuses = [];
    global.fetch = jest.fn(async (_path: RequestInfo | URL, init?: RequestInit) => {
      sent.push((init?.headers as Record<string, string>)['idempotency-key']);
      const status = statuses.shift() ?? 200;
      if (status === 0) throw new TypeError('Failed to fetch');
      const body =
        status >= 400 ? { error: status === 503 ? 'unavailable' : 'task_closed', message: 'no' } : { ok: true };
      return { ok: status < 300, status, statusText: '', json: async () => body } as Response;
    }) as typeof fetch;
  });

  const complete = () =>
    api('/tasks/t-1/complete', { method: 'POST', body: { form: { ready: true } }, repeatSafe: true });

  it('reuses the key after a 503 and a lost connection, and takes a new one after the answer', async () => {
    statuses = [0, 503, 200, 200];
    await expect(complete()).rejects.toBeInstanceOf(TypeError);
    await expect(complete()).rejects.toBeInstanceOf(ApiError);
    await complete();
    await complete();
    expect(new Set(sent.slice(0, 3)).size).toBe(1);
    expect(sent[3]).not.toBe(sent[2]);
    expect(sent[0]).toMatch(/^[A-Za-z0-9._:-]{1,200}$/);
  });

  it('frees the key on a final refusal and keeps requests with other bodies apart', async () => {
    statuses = [409, 503, 200];
    await expect(complete()).rejects.toMatchObject({ status: 409 });
    await expect(
      api('/tasks/t-1/complete', { method: 'POST', body: { form: { ready: false } }, repeatSafe: true }),
    ).rejects.toMatchObject({
      status: 503,
    });
    await complete();
    expect(new Set(sent).size).toBe(3);
  });
});

describe('api: after signing out', () => {
  it('keeps the requests a page makes on its way out in the browser, until the next sign-in', async () => {
    const calls: string[] = [];
    global.fetch = jest.fn(async (path: RequestInfo | URL) => {
      calls.push(String(path));
      return { ok: true, status: 200, statusText: '', json: async () => ({ ok: true }) } as Response;
    }) as typeof fetch;
    clearSession();
    requestsSignedOut();
    await expect(api('/sops/shelter-admission')).rejects.toMatchObject({ status: 401 });
    expect(calls).toEqual([]);
    saveSession({ token: 'x.y.z', sub: 'u-1', agency: 'demo-a', roles: ['caseworker'], mode: 'local' });
    await api('/sops/shelter-admission');
    expect(calls).toEqual(['/sops/shelter-admission']);
    clearSession();
  });
});
