// `npm run fuzz:api`: Schemathesis over the API's own OpenAPI document (/docs-json), once with a caseworker's token
// and once with a manager's, every check on. Not part of CI (it takes minutes); docs/security/fuzzing.md has the how-to.
//
// - Installs Schemathesis into .tools/schemathesis (git-ignored) when it is missing.
// - Starts the embedded stack from this checkout (`node dist/scripts/start.js`, built if needed) on free ports with its
//   data in .data/fuzz, unless FUZZ_API_URL names a running API (then the tokens come from FUZZ_CASEWORKER_TOKEN and
//   FUZZ_MANAGER_TOKEN, or from `npm run token` with this checkout's signing key).
// - Prints, per token: requests sent, server errors, undocumented status codes, and failures by check; exits 1 when
//   any run has a server error or an undocumented status code (the other checks are reported, not fatal).
//
// Knobs: FUZZ_MAX_EXAMPLES (default 30 a operation), FUZZ_SEED, FUZZ_WORKERS (default 2), FUZZ_PHASES,
// FUZZ_AGENCY (default demo-a). Reports (JSON, and a pytest file reproducing each failure) go to .data/fuzz-report.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const SCHEMATHESIS = 'schemathesis==4.32.5';
const toolDir = join(root, '.tools/schemathesis');
const reportRoot = join(root, '.data/fuzz-report');
const say = (msg) => process.stdout.write(`[fuzz] ${msg}\n`);
const t0 = Date.now();

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0 && !opts.allowFailure) {
    say(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(2);
  }
  return r;
}

function ensureSchemathesis() {
  if (existsSync(join(toolDir, 'bin/st'))) return;
  say(`installing ${SCHEMATHESIS} into .tools/schemathesis`);
  run('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', toolDir, SCHEMATHESIS]);
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode})`);
    const ok = await globalThis.fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(500); // polling /health, not a fixed wait for an outcome
  }
  throw new Error(`${url}/health did not answer 200 within 5 minutes`);
}

async function startStack() {
  run('node', ['scripts/build-if-changed.mjs']);
  const ports = {
    API_PORT: await freePort(),
    EMBEDDED_PG_PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    WORKER_METRICS_PORT: await freePort(),
  };
  // The fuzz run probes answers, not the rate limits (test/e2e/hostile-input.e2e-spec.ts proves those): with the
  // default limits most of its requests would be answered 429 and prove nothing.
  const limits = { RATE_LIMIT_PER_IP: 1e7, RATE_LIMIT_PER_SUBJECT: 1e7, RATE_LIMIT_WRITES: 1e7, RATE_LIMIT_TOKEN: 1e7 };
  const env = { ...process.env, WAYMARK_DATA_DIR: join(root, '.data/fuzz'), LOG_LEVEL: 'warn' };
  for (const [k, v] of Object.entries(limits)) env[k] = String(v);
  for (const [k, v] of Object.entries(ports)) env[k] = String(v);
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'OIDC_ISSUER']) delete env[k];
  say(`starting the stack on API port ${ports.API_PORT} (data in .data/fuzz)`);
  const child = spawn(process.execPath, [join(root, 'dist/scripts/start.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${ports.API_PORT}`;
  await waitForHealth(url, child);
  say(`stack up in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { url, env, child };
}

function token(env, agency, role) {
  const r = spawnSync(process.execPath, [join(root, 'dist/scripts/token.js'), '--agency', agency, '--role', role], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run token failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').pop();
}

/** Every response the run recorded (from the NDJSON event stream): status codes, and the checks that failed. */
function summarise(ndjsonPath) {
  const summary = { requests: 0, statuses: {}, failures: {}, examples: {} };
  for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const recorder = JSON.parse(line).ScenarioFinished?.recorder;
    if (!recorder) continue;
    for (const interaction of Object.values(recorder.interactions ?? {})) {
      const status = interaction.response?.status_code;
      if (status === undefined) continue;
      summary.requests += 1;
      summary.statuses[status] = (summary.statuses[status] ?? 0) + 1;
    }
    for (const checks of Object.values(recorder.checks ?? {})) {
      for (const c of checks) {
        if (c.status !== 'failure') continue;
        summary.failures[c.name] = (summary.failures[c.name] ?? 0) + 1;
        const f = c.failure_info?.failure ?? {};
        const received = /Received: (\d+)/.exec(f.message ?? '')?.[1];
        const key = `${c.name} ${recorder.label}`;
        summary.examples[key] ??= new Set();
        summary.examples[key].add(received ? `${f.title} ${received}` : (f.title ?? 'failed'));
      }
    }
  }
  return summary;
}

function fuzz(name, url, bearer) {
  const dir = join(reportRoot, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [
    'run',
    `${url}/docs-json`,
    '--checks',
    'all',
    '--header',
    `Authorization: Bearer ${bearer}`,
    '--max-examples',
    process.env.FUZZ_MAX_EXAMPLES ?? '30',
    '--workers',
    process.env.FUZZ_WORKERS ?? '2',
    '--request-timeout',
    '30',
    '--report',
    'ndjson,pytest',
    '--report-dir',
    dir,
    '--output-truncate',
    'true',
    '--suppress-health-check',
    'all',
  ];
  if (process.env.FUZZ_SEED) args.push('--seed', process.env.FUZZ_SEED);
  if (process.env.FUZZ_PHASES) args.push('--phases', process.env.FUZZ_PHASES);
  const started = Date.now();
  say(`schemathesis as ${name}`);
  run(join(toolDir, 'bin/st'), args, {
    allowFailure: true,
    // Schemathesis keeps a cache of crashes in .schemathesis/ under its working directory: not in the checkout.
    cwd: reportRoot,
    env: { ...process.env, PYTHONPATH: toolDir, NO_COLOR: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const ndjson = readdirNdjson(dir);
  const s = summarise(ndjson);
  s.seconds = Math.round((Date.now() - started) / 1000);
  return s;
}

/** The NDJSON event stream of the run (Schemathesis names it after the time it started). */
function readdirNdjson(dir) {
  const found = readdirSync(dir).find((f) => f.endsWith('.ndjson'));
  if (!found) throw new Error(`no NDJSON report in ${dir}`);
  return join(dir, found);
}

async function main() {
  ensureSchemathesis();
  let stack;
  let url = process.env.FUZZ_API_URL;
  let env = process.env;
  if (!url) {
    stack = await startStack();
    ({ url, env } = stack);
  }
  const agency = process.env.FUZZ_AGENCY ?? 'demo-a';
  const tokens = {
    caseworker: process.env.FUZZ_CASEWORKER_TOKEN ?? token(env, agency, 'caseworker'),
    manager: process.env.FUZZ_MANAGER_TOKEN ?? token(env, agency, 'manager'),
  };
  let bad = false;
  try {
    for (const [name, bearer] of Object.entries(tokens)) {
      const s = fuzz(name, url, bearer);
      const serverErrors = Object.entries(s.statuses)
        .filter(([code]) => Number(code) >= 500)
        .reduce((n, [, c]) => n + c, 0);
      const undocumented = s.failures.status_code_conformance ?? 0;
      say(
        `${name}: ${s.requests} requests in ${s.seconds} s; statuses ${JSON.stringify(s.statuses)}; ` +
          `server errors ${serverErrors}; undocumented status codes ${undocumented}`,
      );
      say(`${name}: failures by check ${JSON.stringify(s.failures)}`);
      for (const [key, titles] of Object.entries(s.examples)) say(`  ${key} (${[...titles].join('; ')})`);
      if ((s.failures.not_a_server_error ?? 0) > 0 || serverErrors > 0 || undocumented > 0) bad = true;
    }
  } finally {
    if (stack) {
      stack.child.kill('SIGTERM');
      await new Promise((r) => (stack.child.exitCode !== null ? r() : stack.child.once('exit', r)));
    }
  }
  say(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; reports in .data/fuzz-report`);
  process.exit(bad ? 1 : 0);
}

main().catch((err) => {
  say(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
