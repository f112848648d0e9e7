import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { sendWebhook } from './webhook-sender';
import { checkWebhookUrl, STRICT_POLICY, webhookTargetPolicy, type WebhookResolver } from './webhook-target';

/** A receiver on loopback that answers with the status the test asks for and records what reached it. */
function receiver() {
  const seen: IncomingMessage[] = [];
  let status = 204;
  const server: Server = createServer((req, res) => {
    seen.push(req);
    req.resume();
    req.on('end', () => res.writeHead(status, status >= 300 && status < 400 ? { location: '/elsewhere' } : {}).end());
  });
  return {
    seen,
    answer: (s: number) => (status = s),
    start: () =>
      new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port))),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const LOCAL = { requireHttps: false, allowPrivate: true };
const DEV = { requireHttps: false, allowPrivate: false };
const stub =
  (...answers: string[][]): WebhookResolver =>
  (hostname) => {
    calls.push(hostname);
    const next = answers.length > 1 ? answers.shift()! : answers[0];
    return Promise.resolve(next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const));
  };
let calls: string[] = [];

describe('sendWebhook', () => {
  const rx = receiver();
  let port = 0;
  beforeAll(async () => {
    port = await rx.start();
  });
  afterAll(() => rx.stop());
  beforeEach(() => {
    rx.seen.length = 0;
    rx.answer(204);
    calls = [];
  });

  it('connects to the address the resolver gave and checked, keeping the name in Host', async () => {
    const ok = await sendWebhook(`http://hooks.agency.test:${port}/in`, { 'x-test': '1' }, '{}', {
      policy: LOCAL,
      resolver: stub(['127.0.0.1']),
    });
    expect(ok).toBe(true);
    expect(rx.seen).toHaveLength(1);
    expect(rx.seen[0].headers.host).toBe(`hooks.agency.test:${port}`);
    expect(rx.seen[0].headers['x-test']).toBe('1');
    expect(calls).toEqual(['hooks.agency.test']);
  });

  it('refuses a name that resolves to loopback at delivery time, without connecting', async () => {
    const ok = await sendWebhook(`http://hooks.agency.test:${port}/in`, {}, '{}', {
      policy: DEV,
      resolver: stub(['127.0.0.1']),
    });
    expect(ok).toBe(false);
    expect(rx.seen).toHaveLength(0);
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    const ok = await sendWebhook(`http://hooks.agency.test:${port}/in`, {}, '{}', {
      policy: DEV,
      resolver: stub(['93.184.216.34', '::ffff:127.0.0.1']),
    });
    expect(ok).toBe(false);
    expect(rx.seen).toHaveLength(0);
  });

  it('does not fall for DNS rebinding: a name public at registration and loopback at delivery is refused', async () => {
    const rebinding = stub(['93.184.216.34'], ['127.0.0.1']);
    const registered = await checkWebhookUrl(`http://rebind.agency.test:${port}/in`, DEV, rebinding);
    expect(registered.ok).toBe(true);
    const ok = await sendWebhook(`http://rebind.agency.test:${port}/in`, {}, '{}', {
      policy: DEV,
      resolver: rebinding,
    });
    expect(ok).toBe(false);
    expect(rx.seen).toHaveLength(0);
    // Resolved once per check, never again by the socket.
    expect(calls).toEqual(['rebind.agency.test', 'rebind.agency.test']);
  });

  it('refuses loopback literals in any spelling without asking the resolver', async () => {
    for (const host of ['127.0.0.1', '0177.0.0.1', '2130706433', '[::ffff:127.0.0.1]', 'localhost']) {
      expect(
        await sendWebhook(`http://${host}:${port}/in`, {}, '{}', { policy: DEV, resolver: stub(['8.8.8.8']) }),
      ).toBe(false);
    }
    expect(rx.seen).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('counts a redirect as failure and does not follow it', async () => {
    rx.answer(302);
    const ok = await sendWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', { policy: LOCAL });
    expect(ok).toBe(false);
    expect(rx.seen.map((r) => r.url)).toEqual(['/in']);
  });

  it('counts any non-2xx answer as failure and a 2xx as success', async () => {
    rx.answer(503);
    expect(await sendWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', { policy: LOCAL })).toBe(false);
    rx.answer(200);
    expect(await sendWebhook(`http://127.0.0.1:${port}/in`, {}, '{}', { policy: LOCAL })).toBe(true);
  });

  it('refuses plain http under the production policy', async () => {
    const ok = await sendWebhook(`http://hooks.agency.test:${port}/in`, {}, '{}', {
      policy: STRICT_POLICY,
      resolver: stub(['93.184.216.34']),
    });
    expect(ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('speaks TLS to the checked address with the registered name as server name', async () => {
    const names: string[] = [];
    // No certificate at all: the handshake stops after the client has said which name it wants.
    const tlsServer = createTlsServer({
      SNICallback: (name, cb) => {
        names.push(name);
        cb(new Error('no certificate here'), undefined);
      },
    });
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    const tlsPort = (tlsServer.address() as AddressInfo).port;
    try {
      const ok = await sendWebhook(`https://hooks.agency.test:${tlsPort}/in`, {}, '{}', {
        policy: LOCAL,
        resolver: stub(['127.0.0.1']),
      });
      expect(ok).toBe(false);
      expect(names).toEqual(['hooks.agency.test']);
    } finally {
      await new Promise((r) => tlsServer.close(r));
    }
  });

  it('fails (and does not throw) when nothing listens', async () => {
    const closed = receiver();
    const closedPort = await closed.start();
    await closed.stop();
    expect(await sendWebhook(`http://127.0.0.1:${closedPort}/in`, {}, '{}', { policy: LOCAL })).toBe(false);
  });
});

describe('webhookTargetPolicy', () => {
  it('is strict in production whatever the switch says, and lifts only the address checks elsewhere', () => {
    expect(webhookTargetPolicy({ NODE_ENV: 'production', WEBHOOK_ALLOW_PRIVATE_TARGETS: true })).toEqual(STRICT_POLICY);
    expect(webhookTargetPolicy({ NODE_ENV: 'development', WEBHOOK_ALLOW_PRIVATE_TARGETS: false })).toEqual(DEV);
    expect(webhookTargetPolicy({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE_TARGETS: true })).toEqual(LOCAL);
  });
});
