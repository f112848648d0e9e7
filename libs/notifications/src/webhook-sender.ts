import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  parseWebhookUrl,
  resolveWebhookTarget,
  systemResolver,
  type ResolvedAddress,
  type WebhookResolver,
  type WebhookTargetPolicy,
} from './webhook-target';

export interface SendOptions {
  policy: WebhookTargetPolicy;
  resolver?: WebhookResolver;
  /** The whole attempt: resolving, connecting, and the answer's status line. */
  timeoutMs?: number;
}

/**
 * A `lookup` that answers with the addresses already resolved and checked, and never asks DNS again: the socket
 * connects to exactly what was checked, so a name that changes its answer between the check and the connection
 * (DNS rebinding) gets nowhere.
 */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = typeof options === 'number' ? options : options.family;
    const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
    if (wanted.length === 0) {
      const err: NodeJS.ErrnoException = new Error('no checked address of the requested family');
      err.code = 'ENOTFOUND';
      callback(err, '', 0);
      return;
    }
    if (typeof options === 'object' && options.all) {
      (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, [...wanted]);
    } else {
      callback(null, wanted[0].address, wanted[0].family);
    }
  };
}

/**
 * POSTs one signed webhook and says only whether it was taken: a 2xx answer is success; anything else (a refused
 * target, no answer, a timeout, any other status, a redirect, which is never followed) is failure. The target's
 * status and error text are deliberately not returned, so the delivery log cannot serve as a port-scan oracle.
 */
export async function sendWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  opts: SendOptions,
): Promise<boolean> {
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 5000);
  const parsed = parseWebhookUrl(rawUrl, opts.policy);
  if (!parsed.ok) return false;
  const url = parsed.value;
  const resolved = await resolveWebhookTarget(url, opts.policy, opts.resolver ?? systemResolver, signal);
  if (!resolved.ok) return false;
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
    lookup: pinnedLookup(resolved.value),
    // A pooled socket could have been opened for another webhook; each delivery connects afresh.
    agent: false,
    signal,
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok);
    };
    try {
      const req = send(url, options, (res) => {
        const status = res.statusCode ?? 0;
        settle(status >= 200 && status < 300);
        // The answer's body is never read: drop the connection.
        res.destroy();
      });
      req.on('error', () => settle(false));
      req.on('close', () => settle(false));
      req.end(body);
    } catch {
      settle(false);
    }
  });
}
