import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ADDRESS_REASONS, classifyAddress } from './webhook-address';

/** Where webhooks may go: decided once from the configuration, applied at registration and at every delivery. */
export interface WebhookTargetPolicy {
  /** Production: plain http is refused, so signatures and payloads never cross a network in the clear. */
  requireHttps: boolean;
  /** Local trials and tests only (`WEBHOOK_ALLOW_PRIVATE_TARGETS`, refused in production): lifts the address checks. */
  allowPrivate: boolean;
}

export const STRICT_POLICY: WebhookTargetPolicy = { requireHttps: true, allowPrivate: false };

export function webhookTargetPolicy(env: {
  NODE_ENV: string;
  WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean;
}): WebhookTargetPolicy {
  const production = env.NODE_ENV === 'production';
  return { requireHttps: production, allowPrivate: !production && env.WEBHOOK_ALLOW_PRIVATE_TARGETS };
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address a connection could use (the system resolver, as `http.request` would). */
export type WebhookResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: WebhookResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type TargetCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * The reason for a name that does not resolve or resolves to a refused address: one message for both, so a
 * registration cannot be used to learn which internal names exist or where they point.
 */
export const UNRESOLVABLE_REASON = 'must name a host that resolves to public internet addresses only';

/**
 * The checks that need no network: the same WHATWG parser as the delivery (so the two never read a URL differently),
 * http(s) only (https only when the policy says), no credentials, and an IP literal in any spelling the parser
 * accepts (`0177.0.0.1`, `2130706433`, `[::ffff:7f00:1]`) judged by its address. Reasons never echo the URL.
 */
export function parseWebhookUrl(raw: string, policy: WebhookTargetPolicy): TargetCheck<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute http(s) URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must be an http(s) URL' };
  if (policy.requireHttps && url.protocol !== 'https:') return { ok: false, reason: 'must be an https URL' };
  if (url.username || url.password) return { ok: false, reason: 'must not contain a user name or password' };
  const host = literalHost(url);
  if (!host) return { ok: false, reason: ADDRESS_REASONS.invalid };
  if (policy.allowPrivate) return { ok: true, value: url };
  if (isIP(host)) {
    const cls = classifyAddress(host);
    return cls === 'public' ? { ok: true, value: url } : { ok: false, reason: ADDRESS_REASONS[cls] };
  }
  // RFC 6761: these names are loopback by definition, whatever a resolver says.
  const name = host.replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return { ok: false, reason: ADDRESS_REASONS.loopback };
  return { ok: true, value: url };
}

/** The URL's host without IPv6 brackets. */
export function literalHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Every address the URL's host resolves to, each one checked: a single refused address refuses the target (a name
 * that answers with a public and a private address must not get a chance at the private one). The delivery
 * connects to these addresses only.
 */
export async function resolveWebhookTarget(
  url: URL,
  policy: WebhookTargetPolicy,
  resolver: WebhookResolver,
  signal?: AbortSignal,
): Promise<TargetCheck<ResolvedAddress[]>> {
  const host = literalHost(url);
  const family = isIP(host);
  if (family !== 0) return { ok: true, value: [{ address: host, family: family === 6 ? 6 : 4 }] };
  let addresses: ResolvedAddress[];
  try {
    addresses = await abortable(resolver(host), signal);
  } catch {
    return { ok: false, reason: UNRESOLVABLE_REASON };
  }
  if (addresses.length === 0) return { ok: false, reason: UNRESOLVABLE_REASON };
  if (!policy.allowPrivate && addresses.some((a) => classifyAddress(a.address) !== 'public'))
    return { ok: false, reason: UNRESOLVABLE_REASON };
  return { ok: true, value: addresses };
}

/** Registration: the URL checks, then the resolution checks, with a time limit on the resolver. */
export async function checkWebhookUrl(
  raw: string,
  policy: WebhookTargetPolicy,
  resolver: WebhookResolver = systemResolver,
  timeoutMs = 5000,
): Promise<TargetCheck<URL>> {
  const parsed = parseWebhookUrl(raw, policy);
  if (!parsed.ok) return parsed;
  const resolved = await resolveWebhookTarget(parsed.value, policy, resolver, AbortSignal.timeout(timeoutMs));
  return resolved.ok ? parsed : resolved;
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error('resolver failed'));
      },
    );
  });
}
