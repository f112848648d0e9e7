import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACTS, AppStack } from '../support/stack';

/**
 * Every walkthrough script in docs/sops/walk/ (bash + curl, what docs/sops/*.md tells a reader to run) runs here
 * against the real API, worker, Temporal and PostgreSQL, so a walk that the docs promise cannot silently rot. The
 * scripts sign their tokens with `npm run token`, which reads the same data directory as the stack.
 */
const ROOT = resolve(__dirname, '../..');
const WALK_DIR = join(ROOT, 'docs/sops/walk');
const walks = readdirSync(WALK_DIR)
  .filter((f) => f.endsWith('.sh') && f !== 'lib.sh')
  .sort();
// The walks' overlay makes the demo SOP's record-outcome due in seconds, so escalations really fire during a walk.
const stack = new AppStack('walks', { SOP_OVERLAY_FILE: join(WALK_DIR, 'walk-overlay.json') });

beforeAll(() => stack.start(), 120_000);
afterAll(() => stack.stop());

function runWalk(file: string): Promise<{ code: number | null; tail: string }> {
  const log = createWriteStream(join(ARTIFACTS, `walk-${file.replace(/\.sh$/, '')}.log`));
  return new Promise((done, failed) => {
    const child = spawn('bash', [join(WALK_DIR, file)], {
      cwd: ROOT,
      env: { ...process.env, ...stack.env, API: stack.apiUrl, WAIT: '60' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', failed);
    child.on('close', (code) => log.end(() => done({ code, tail })));
  });
}

it('finds the walks the docs promise', () => {
  expect(walks).toEqual(expect.arrayContaining(['assisted-return.sh', 'joint-operation.sh', 'venice-inspection.sh']));
});

it.each(walks)(
  '%s runs to its end against the real stack',
  async (file) => {
    const { code, tail } = await runWalk(file);
    // On failure the assertion shows the script's last lines (its FAILED line names the step and the answer).
    expect({ file, code, tail: code === 0 ? '' : tail }).toEqual({ file, code: 0, tail: '' });
  },
  300_000,
);
