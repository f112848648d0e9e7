import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { freePort, waitFor } from '../../libs/devstack/src/ports';
import { AppStack } from '../support/stack';

/**
 * Webhook registration refuses targets inside the network (SSRF): loopback, private, link-local, metadata and the
 * rest, in any notation, with a 400 naming `url` and the reason and never echoing the URL. The API runs as deployed
 * by default, without WEBHOOK_ALLOW_PRIVATE_TARGETS; that switch is refused at start in production.
 */
describe('webhook targets', () => {
  const stack = new AppStack('webhook-targets');
  // An agency of its own: no other test's notifications ever fan out to the webhook registered here.
  const agency = 'e2e-webhook-targets';
  let receiver: Server;
  let hits = 0;
  let port = 0;

  beforeAll(async () => {
    receiver = createServer((_req, res) => {
      hits += 1;
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
    await stack.startApi();
  });
  afterAll(async () => {
    await stack.stop();
    await new Promise((r) => receiver.close(r));
  });

  it('refuses loopback, metadata, private and localhost targets with a 400 naming url', async () => {
    const manager = await stack.token(agency, ['manager'], 'mona');
    const refused: [string, RegExp][] = [
      [`http://127.0.0.1:${port}/hook`, /loopback/],
      [`http://0177.0.0.1:${port}/hook`, /loopback/],
      [`http://[::ffff:127.0.0.1]:${port}/hook`, /loopback/],
      ['http://[::1]/', /loopback/],
      ['http://localhost/', /loopback/],
      [`http://localhost:${port}/hook`, /loopback/],
      ['http://169.254.169.254/', /metadata/],
      ['http://[fd00:ec2::254]/', /metadata/],
      ['http://10.0.0.1/', /private/],
      ['http://192.168.1.1/', /private/],
      ['http://100.64.0.1/', /carrier-grade NAT/],
      ['http://0.0.0.0/', /unspecified/],
      ['gopher://agency.example/', /http\(s\)/],
    ];
    for (const [url, reason] of refused) {
      const res = await stack.http('POST', '/webhooks', { token: manager, body: { url } });
      expect([url, res.status, res.body.error]).toEqual([url, 400, 'validation_failed']);
      expect(res.body.fields).toEqual([{ field: 'url', reason: expect.stringMatching(reason) }]);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(url);
      expect(text).not.toContain(String(port));
    }
    const listed = await stack.http('GET', '/webhooks', { token: manager });
    expect(listed.body.items).toEqual([]);
    expect(hits).toBe(0);
  });

  it('accepts a public target, stored in the form it will be delivered to', async () => {
    const manager = await stack.token(agency, ['manager'], 'mona');
    // A public literal: no DNS needed, and no notification of this agency ever sends anything to it.
    const res = await stack.http('POST', '/webhooks', { token: manager, body: { url: 'http://93.184.216.34/Hook' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ url: 'http://93.184.216.34/Hook', active: true });
  });

  it('refuses to start in production with private targets allowed', async () => {
    const production = new AppStack('webhook-targets-production', {
      NODE_ENV: 'production',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      API_PORT: String(await freePort()),
    });
    await production.stop();
    let output = '';
    const api = spawn(process.execPath, [resolve(__dirname, '../../dist/apps/api/src/main.js')], {
      env: production.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    api.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    try {
      const code = await waitFor('the API to refuse to start', () => Promise.resolve(api.exitCode ?? undefined), {
        timeoutMs: 30_000,
      });
      expect(code).not.toBe(0);
      expect(output).toContain('WEBHOOK_ALLOW_PRIVATE_TARGETS must not be set when NODE_ENV is production');
    } finally {
      if (api.exitCode === null) api.kill('SIGKILL');
    }
  });
});
