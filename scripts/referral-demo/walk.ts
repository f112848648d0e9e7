import { waitFor } from '@waymark/devstack';
import type { HttpResult } from '@waymark/devstack/app-stack';
import { randomUUID } from 'node:crypto';
import type { Deployment } from './deployments';

/** A line of the walk, prefixed with the deployment it happened at. */
export const say = (where: string, msg: string) => process.stdout.write(`[${where}] ${msg}\n`);

/** How long one step of the walk may take before the demo fails. */
export const STEP_TIMEOUT_MS = 60_000;

export interface PublicKey {
  kid: string;
  use: 'sig' | 'enc';
  status: 'active' | 'previous' | 'revoked';
  jwk: Record<string, unknown>;
}

export interface SenderReferral {
  referralId: string;
  partner: string;
  agency: string;
  sop: string;
  state: string;
  attempts: number;
  ackOverdue: boolean;
  linkedCaseId?: string | null;
  history: { state: string; at: string }[];
}

export interface IncomingReferral {
  referralId: string;
  from: { deployment: string; agency: string };
  sop: string;
  state: string;
  receivedAt: string;
  decisionDueAt: string;
  fields?: Record<string, unknown> | null;
  caseId?: string | null;
}

/** The response body when its status is one of `ok`; otherwise an error naming the call and what came back. */
export function expectStatus<T>(res: HttpResult<T>, ok: number[], what: string): T {
  if (ok.includes(res.status)) return res.body;
  const body = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  throw new Error(`${what}: HTTP ${res.status} ${(body ?? '').slice(0, 500)}`);
}

/** The first characters of an id, as the walk prints it. */
export const short = (id: string) => `${id.slice(0, 8)}…`;

export const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** `GET /referral/keys`: the deployment's public keys. */
export async function publicKeys(d: Deployment): Promise<{ deployment: string; keys: PublicKey[] }> {
  const body = expectStatus(
    await d.stack.http<{ deployment: string; keys: PublicKey[] }>('GET', '/referral/keys'),
    [200],
    `GET ${d.name} /referral/keys`,
  );
  if (!Array.isArray(body?.keys)) throw new Error(`GET ${d.name} /referral/keys: no keys in ${JSON.stringify(body)}`);
  for (const use of ['sig', 'enc'] as const) {
    if (!body.keys.some((k) => k.use === use && k.status === 'active')) {
      throw new Error(`GET ${d.name} /referral/keys has no active ${use} key: ${JSON.stringify(body.keys)}`);
    }
  }
  if (body.deployment !== d.name) {
    throw new Error(`GET ${d.name} /referral/keys names deployment ${body.deployment}, not ${d.name}`);
  }
  return body;
}

/** `POST /referral/partners` at `at`: registers `partner` (its URL and public keys) and what it accepts. */
export async function registerPartner(
  at: Deployment,
  partner: Deployment,
  keys: PublicKey[],
  info: { country: string; name: string; accepts: { agency: string; sops: string[] }[] },
): Promise<void> {
  const admin = await at.stack.token('platform', ['platform-admin'], 'demo-admin');
  const body = {
    id: partner.name,
    name: info.name,
    country: info.country,
    baseUrl: partner.apiUrl,
    keys: keys.filter((k) => k.status !== 'revoked').map(({ kid, use, jwk }) => ({ kid, use, jwk })),
    accepts: info.accepts,
  };
  expectStatus(
    await at.stack.http('POST', '/referral/partners', { token: admin, body }),
    [200],
    `POST ${at.name} /referral/partners (${partner.name})`,
  );
}

/** `POST /cases`: an assisted-return case at the destination, opened by its NGO. */
export async function openAssistedReturn(at: Deployment, token: string): Promise<string> {
  const input = { isMinor: false, plannedReturnDate: dayFromNow(90), returnCountry: 'RO', hostCountry: 'DE' };
  const body = expectStatus(
    await at.stack.http<{ caseId: string }>('POST', '/cases', {
      token,
      body: { sop: 'assisted-return', input },
      headers: { 'idempotency-key': randomUUID() },
    }),
    [201],
    `POST ${at.name} /cases`,
  );
  return body.caseId;
}

/**
 * The sender's view of one referral (`GET /cases/:caseId/referrals`), printing every state it passed through
 * (from its history) once, and each new attempt while it is still being sent.
 */
export class SenderView {
  referralId?: string;
  /** While set, a `sending` line says the partner is offline. */
  partnerOffline = false;
  private historyPrinted = 0;
  private printedAttempts = 0;
  private readonly printed = new Set<string>();
  last?: SenderReferral;

  constructor(
    private readonly at: Deployment,
    private readonly token: string,
    private readonly caseId: string,
    private readonly partner: string,
  ) {}

  private line(r: SenderReferral, state: string): string {
    switch (state) {
      case 'sending':
        return `sending (attempt ${Math.max(r.attempts, 1)}${this.partnerOffline ? ', partner offline' : ''})`;
      case 'received':
        return `received: acknowledged by ${this.partner}`;
      case 'accepted':
        return `accepted by ${r.partner}/${r.agency}${r.linkedCaseId ? ` (their case ${r.linkedCaseId})` : ''}`;
      case 'declined':
        return `declined by ${r.partner}/${r.agency}`;
      case 'person-arrived':
        return `person-arrived: follow-up from ${r.partner}/${r.agency}, the person arrived`;
      case 'closed':
        return `closed: follow-up from ${r.partner}/${r.agency}, their case is closed`;
      case 'withdrawal-sent':
        return 'withdrawal-sent: consent withdrawn, withdrawal sent';
      case 'withdrawn':
        return `withdrawn: withdrawal confirmed by ${this.partner}`;
      default:
        return state;
    }
  }

  /** Fetches the referral, prints what is new, and returns it. */
  async poll(): Promise<SenderReferral> {
    const list = expectStatus(
      await this.at.stack.http<{ items: SenderReferral[] }>('GET', `/cases/${this.caseId}/referrals`, {
        token: this.token,
      }),
      [200],
      `GET ${this.at.name} /cases/${this.caseId}/referrals`,
    );
    const r = list.items?.find((i) => i.referralId === this.referralId);
    if (!r) {
      throw new Error(`referral ${this.referralId} not in ${JSON.stringify(list.items?.map((i) => i.referralId))}`);
    }
    this.last = r;
    const history = Array.isArray(r.history) ? r.history : [];
    for (; this.historyPrinted < history.length; this.historyPrinted++)
      this.print(r, history[this.historyPrinted].state);
    // The state now, should the history not (yet) show it; and each new attempt while sending.
    if (!this.printed.has(r.state) || (r.state === 'sending' && r.attempts > this.printedAttempts)) {
      this.print(r, r.state);
    }
    return r;
  }

  private print(r: SenderReferral, state: string): void {
    if (state === 'sending') {
      if (this.printed.has(state) && r.attempts <= this.printedAttempts) return;
      this.printedAttempts = Math.max(r.attempts, 1);
    } else if (this.printed.has(state)) return;
    this.printed.add(state);
    say(this.at.name, `referral ${short(r.referralId)} ${this.line(r, state)}`);
  }

  /** Polls until `done(referral)` holds; the timeout's message shows the referral as last seen. */
  async until(what: string, done: (r: SenderReferral) => boolean, timeoutMs = STEP_TIMEOUT_MS) {
    return waitFor(
      `${what} at ${this.at.name}`,
      async () => {
        const r = await this.poll();
        if (done(r)) return r;
        throw new Error(`last seen: state ${r.state}, attempts ${r.attempts}, ackOverdue ${r.ackOverdue}`);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** Until the referral is in `state` (or was: its history shows it). */
  state(state: string, timeoutMs = STEP_TIMEOUT_MS) {
    return this.until(`referral state ${state}`, (r) => r.state === state, timeoutMs);
  }
}

/** `GET /referrals/incoming/:id` at the receiver, polled until `done` holds. */
export async function incomingUntil(
  at: Deployment,
  token: string,
  referralId: string,
  what: string,
  done: (r: IncomingReferral) => boolean,
): Promise<IncomingReferral> {
  return waitFor(
    `${what} at ${at.name}`,
    async () => {
      const res = await at.stack.http<IncomingReferral>('GET', `/referrals/incoming/${referralId}`, { token });
      const r = expectStatus(res, [200], `GET ${at.name} /referrals/incoming/${referralId}`);
      if (done(r)) return r;
      throw new Error(`last seen: ${JSON.stringify({ state: r.state, fields: r.fields, caseId: r.caseId })}`);
    },
    { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 },
  );
}
