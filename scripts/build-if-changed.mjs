// `npm start`'s pre-step: runs `npm run build` only when a build input changed since the last successful build.
// Inputs: every file under apps, libs, workflows, scripts and bench, plus the build configuration and the lockfile,
// hashed by path and content (not by mtime, which a checkout or a copy changes). The hash of the last successful
// build is kept in dist/.build-inputs; `--force` or a missing dist rebuilds. Plain JavaScript: it runs before any
// TypeScript is compiled.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const STAMP = join(root, 'dist/.build-inputs');
const DIRS = ['apps', 'libs', 'workflows', 'scripts', 'bench'];
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];
const SKIP = new Set(['node_modules', 'dist', '.data', '.tools']);

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function inputsHash() {
  const files = [
    ...DIRS.flatMap((d) => (existsSync(join(root, d)) ? walk(join(root, d), []) : [])),
    ...FILES.map((f) => join(root, f)).filter((f) => existsSync(f)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return `${files.length}:${hash.digest('hex')}`;
}

const started = Date.now();
const current = inputsHash();
const built =
  existsSync(join(root, 'dist/scripts/start.js')) && existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
if (!process.argv.includes('--force') && built === current) {
  process.stdout.write(
    `[waymark] build is up to date (${current.split(':')[0]} inputs checked in ${Date.now() - started} ms)\n`,
  );
  process.exit(0);
}
process.stdout.write(`[waymark] building (${built ? 'sources changed since the last build' : 'no build yet'})…\n`);
const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The hash of the inputs as they were before the build: an edit made during the build triggers the next one.
writeFileSync(STAMP, `${current}\n`);
