import { ADDRESS_REASONS } from './webhook-address';
import { checkWebhookUrl, STRICT_POLICY, UNRESOLVABLE_REASON, type WebhookResolver } from './webhook-target';

const DEV = { requireHttps: false, allowPrivate: false };
const LOCAL = { requireHttps: false, allowPrivate: true };
const publicName: WebhookResolver = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);
const resolvesTo =
  (address: string): WebhookResolver =>
  () =>
    Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);

describe('checkWebhookUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', ADDRESS_REASONS.loopback],
    ['http://0177.0.0.1/', ADDRESS_REASONS.loopback],
    ['http://2130706433/', ADDRESS_REASONS.loopback],
    ['http://0x7f.1/', ADDRESS_REASONS.loopback],
    ['http://[::1]/', ADDRESS_REASONS.loopback],
    ['http://[::ffff:127.0.0.1]/', ADDRESS_REASONS.loopback],
    ['http://localhost/', ADDRESS_REASONS.loopback],
    ['http://LOCALHOST./', ADDRESS_REASONS.loopback],
    ['http://api.localhost/', ADDRESS_REASONS.loopback],
    ['http://169.254.169.254/latest/meta-data/', ADDRESS_REASONS.metadata],
    ['http://[fd00:ec2::254]/', ADDRESS_REASONS.metadata],
    ['http://10.0.0.1/', ADDRESS_REASONS.private],
    ['http://172.16.0.1/', ADDRESS_REASONS.private],
    ['http://192.168.1.1/', ADDRESS_REASONS.private],
    ['http://100.64.0.1/', ADDRESS_REASONS.cgnat],
    ['http://0.0.0.0/', ADDRESS_REASONS.unspecified],
    ['http://[::]/', ADDRESS_REASONS.unspecified],
    ['http://[fe80::1]/', ADDRESS_REASONS['link-local']],
    ['http://224.0.0.1/', ADDRESS_REASONS.multicast],
    ['ftp://agency.example/', 'must be an http(s) URL'],
    ['file:///etc/passwd', 'must be an http(s) URL'],
    ['not a url', 'must be an absolute http(s) URL'],
    ['https://user:pw@agency.example/', 'must not contain a user name or password'],
  ])('refuses %s: %s', async (url, reason) => {
    const result = await checkWebhookUrl(url, DEV, publicName);
    expect(result).toEqual({ ok: false, reason });
  });

  it('never echoes the URL in the reason', async () => {
    const result = await checkWebhookUrl('http://secret-name.internal.example/', DEV, resolvesTo('10.1.2.3'));
    expect(result).toEqual({ ok: false, reason: UNRESOLVABLE_REASON });
    expect(JSON.stringify(result)).not.toContain('secret-name');
  });

  it('refuses a name that does not resolve with the same reason as one resolving to a private address', async () => {
    const nxdomain: WebhookResolver = () => Promise.reject(new Error('ENOTFOUND'));
    expect(await checkWebhookUrl('https://nowhere.example/', DEV, nxdomain)).toEqual({
      ok: false,
      reason: UNRESOLVABLE_REASON,
    });
    expect(await checkWebhookUrl('https://inside.example/', DEV, resolvesTo('::1'))).toEqual({
      ok: false,
      reason: UNRESOLVABLE_REASON,
    });
  });

  it('gives up on a resolver that does not answer in time', async () => {
    const hanging: WebhookResolver = () => new Promise(() => undefined);
    expect(await checkWebhookUrl('https://slow.example/', DEV, hanging, 50)).toEqual({
      ok: false,
      reason: UNRESOLVABLE_REASON,
    });
  });

  it('accepts public targets and normalises the URL it will deliver to', async () => {
    const ok = await checkWebhookUrl('HTTPS://Agency.Example/waymark-hook', STRICT_POLICY, publicName);
    expect(ok.ok && ok.value.href).toBe('https://agency.example/waymark-hook');
    const literal = await checkWebhookUrl('http://93.184.216.34/hook', DEV, publicName);
    expect(literal.ok).toBe(true);
  });

  it('wants https under the production policy', async () => {
    expect(await checkWebhookUrl('http://agency.example/', STRICT_POLICY, publicName)).toEqual({
      ok: false,
      reason: 'must be an https URL',
    });
  });

  it('lets a local trial reach loopback only when the switch is on', async () => {
    expect((await checkWebhookUrl('http://127.0.0.1:9000/hook', LOCAL, publicName)).ok).toBe(true);
    expect((await checkWebhookUrl('http://localhost:9000/hook', LOCAL, resolvesTo('127.0.0.1'))).ok).toBe(true);
  });
});
