// Static checks for the container setup. No Docker engine is available where these run, so instead of starting
// the stack they parse docker-compose.yml and the Dockerfile and assert the wiring that would otherwise only
// fail at `docker compose up`: pinned images, ports, service addresses, start-up ordering, healthchecks and
// the entry points the image runs.
import { existsSync, readFileSync } from 'fs';
import { join, posix } from 'path';
import { parse } from 'yaml';

const root = join(__dirname, '..');

type Build = string | { context?: string; dockerfile?: string };
type Port = string | number | { target?: number | string; published?: number | string };
type Mount = string | { type?: string; source?: string; target?: string };

interface Service {
  image?: string;
  build?: Build;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Port[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: Mount[];
  restart?: string;
}

interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// Compose honours YAML merge keys (`<<: *anchor`); the yaml package only resolves them when asked to.
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;

const API_MAIN = 'dist/apps/api/src/main.js';
const WORKER_MAIN = 'dist/apps/worker/src/main.js';
const MIGRATE_MAIN = 'dist/libs/database/src/migrate.js';
const APP_SERVICES = ['api', 'worker'];

function service(name: string): Service {
  const found = compose.services?.[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function env(name: string): Record<string, string> {
  const raw = service(name).environment ?? {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value == null ? '' : String(value)]));
}

/** Resolves `${VAR:-default}` to its default (and a bare `${VAR}` to a placeholder) so values can be parsed. */
function interpolateDefaults(value: string): string {
  return value
    .replace(/\$\{([A-Z0-9_]+):\?[^}]*\}/g, (_match, name: string) => `required-${name.toLowerCase()}`)
    .replace(/\$\{[A-Z0-9_]+(?::?-([^}]*))?\}/g, (_match, fallback: string | undefined) => fallback ?? 'x');
}

/** The host address a port is published on ('' for all interfaces). */
function hostIps(name: string): string[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') return String((port as { host_ip?: string }).host_ip ?? '');
    const parts = String(port).split(':');
    return parts.length > 2 ? parts[0] : '';
  });
}

function ports(name: string): { host: string; container: string }[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') return { host: String(port.published ?? ''), container: String(port.target ?? '') };
    const parts = String(port)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const container = parts[parts.length - 1];
    return { host: parts.length > 1 ? parts[parts.length - 2] : '', container };
  });
}

function dependsOn(name: string): Record<string, string> {
  const raw = service(name).depends_on ?? {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((dep) => [dep, 'service_started']));
  return Object.fromEntries(Object.entries(raw).map(([dep, spec]) => [dep, spec?.condition ?? 'service_started']));
}

function mounts(name: string): { source: string; target: string }[] {
  return (service(name).volumes ?? []).map((mount) => {
    if (typeof mount === 'object') return { source: mount.source ?? '', target: mount.target ?? '' };
    const [source, target] = mount.split(':');
    return target === undefined ? { source: '', target: source } : { source, target };
  });
}

function asArgv(value: string | string[] | undefined): string[] | undefined {
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
}

function healthcheckText(name: string): string {
  const test = service(name).healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

function hostPort(address: string): { host: string; port: string } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: address.slice(at + 1) };
}

function imageTag(image: string): string | undefined {
  if (image.includes('@sha256:')) return image.split('@')[1];
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
}

// ---- Dockerfile parsing: enough of the syntax for the checks below (comments, continuations, stages). ----

interface Instruction {
  keyword: string;
  args: string;
}

function readDockerfile(): Instruction[][] {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') stages.push([]);
    if (stages.length === 0) throw new Error(`Dockerfile instruction before the first FROM: ${line}`);
    stages[stages.length - 1].push(instruction);
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it('defines every service of the stack', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'temporal-admin-tools',
        'temporal',
        'temporal-create-namespace',
        'temporal-ui',
        'migrate',
        'api',
        'worker',
      ]),
    );
  });

  describe.each(Object.keys(compose.services))('service %s', (name) => {
    it('builds from the repository Dockerfile or pulls an image pinned to a version', () => {
      const { image, build } = service(name);
      if (build !== undefined) {
        const context = typeof build === 'string' ? build : (build.context ?? '.');
        const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile');
        expect(join(root, context)).toBe(root);
        expect(existsSync(join(root, context, dockerfile))).toBe(true);
        return;
      }
      expect(image).toEqual(expect.any(String));
      const tag = imageTag(image as string);
      expect(tag).toBeDefined();
      expect(tag).not.toBe('latest');
      // A bare major ("16") floats across releases just like "latest" does.
      expect(tag).toMatch(/^(sha256:[0-9a-f]{64}|v?\d+\.\d+.*)$/);
    });

    it('bind-mounts only files that exist in the repository', () => {
      for (const { source } of mounts(name).filter((mount) => mount.source.startsWith('.'))) {
        expect(existsSync(join(root, source))).toBe(true);
      }
    });
  });

  it('runs the Temporal server with admin-tools of the same version, since they carry its schema', () => {
    const serverTag = imageTag(service('temporal').image ?? '');
    expect(service('temporal').image).toMatch(/^temporalio\/server:/);
    for (const job of ['temporal-admin-tools', 'temporal-create-namespace']) {
      expect(service(job).image).toMatch(/^temporalio\/admin-tools:/);
      expect(imageTag(service(job).image ?? '')).toBe(serverTag);
    }
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
    expect(service('postgres').image).toMatch(/^postgres:/);
  });

  it('binds the API to all interfaces, since its loopback default is unreachable through a published port', () => {
    expect(['0.0.0.0', '::']).toContain(env('api').API_HOST);
    expect(env('api').API_PORT).toBe('3000');
  });

  it('publishes the API on 3000 and the Temporal UI on loopback 8233 only', () => {
    expect(ports('api')).toContainEqual({ host: '3000', container: '3000' });
    expect(ports('temporal-ui')).toContainEqual({ host: '8233', container: '8080' });
    expect(hostIps('temporal-ui')).toEqual(['127.0.0.1']);
  });

  describe('production shape', () => {
    it('publishes neither PostgreSQL nor Temporal beyond the compose network; only the API on all interfaces', () => {
      expect(service('postgres').ports ?? []).toEqual([]);
      expect(service('temporal').ports ?? []).toEqual([]);
      for (const name of Object.keys(compose.services).filter((n) => n !== 'api')) {
        for (const ip of hostIps(name)) expect(`${name} ${ip}`).toBe(`${name} 127.0.0.1`);
      }
    });

    it.each([...APP_SERVICES, 'migrate'])('%s requires an OIDC issuer (no local token issuing)', (name) => {
      expect(env(name).OIDC_ISSUER).toMatch(/^\$\{OIDC_ISSUER:\?[^}]+\}$/);
    });

    it('has no default password anywhere: every password is a required variable', () => {
      const raw = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
      const passwords = [...raw.matchAll(/\$\{([A-Z0-9_]*(?:PASSWORD|PWD)[A-Z0-9_]*)([^}]*)\}/g)];
      expect(passwords.length).toBeGreaterThanOrEqual(3);
      for (const [whole, , rest] of passwords) expect(`${whole} ${rest.startsWith(':?')}`).toBe(`${whole} true`);
      for (const name of Object.keys(compose.services)) {
        for (const [key, value] of Object.entries(env(name))) {
          if (/PASSWORD|PWD/.test(key)) expect(`${name}.${key}=${value}`).toMatch(/\$\{[A-Z0-9_]+:\?/);
          if (/_URL$/.test(key) && /^postgres/.test(value)) {
            expect(`${name}.${key}=${value}`).toMatch(/:\$\{[A-Z0-9_]+:\?[^}]+\}@/);
          }
        }
      }
    });
  });

  it.each(APP_SERVICES)(
    '%s reaches PostgreSQL through the compose postgres service as the non-owner app role',
    (name) => {
      const url = new URL(interpolateDefaults(env(name).DATABASE_URL ?? ''));
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgres');
      expect(url.port || '5432').toBe('5432');
      expect(url.username).toBe('waymark_app');
      expect(decodeURIComponent(url.password)).toBe(interpolateDefaults(env('migrate').WAYMARK_APP_DB_PASSWORD));
      expect(url.pathname).toBe(`/${env('postgres').POSTGRES_DB}`);
    },
  );

  it('migrates as the schema owner and gives the app role its password', () => {
    const url = new URL(interpolateDefaults(env('migrate').MIGRATION_DATABASE_URL ?? ''));
    expect(url.hostname).toBe('postgres');
    expect(url.username).toBe(env('postgres').POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(interpolateDefaults(env('postgres').POSTGRES_PASSWORD));
    expect(url.pathname).toBe(`/${env('postgres').POSTGRES_DB}`);
  });

  it.each(APP_SERVICES)('%s reaches Temporal through the compose temporal service', (name) => {
    const { host, port } = hostPort(env(name).TEMPORAL_ADDRESS ?? '');
    expect(host).toBe('temporal');
    expect(port).toBe('7233');
  });

  it('gives api and worker the same namespace and task queue, and registers that namespace', () => {
    const api = env('api');
    const worker = env('worker');
    expect(api.TEMPORAL_NAMESPACE).toBeTruthy();
    expect(worker.TEMPORAL_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
    expect(api.TEMPORAL_TASK_QUEUE).toBe('waymark-sop');
    expect(worker.TEMPORAL_TASK_QUEUE).toBe(api.TEMPORAL_TASK_QUEUE);
    expect(env('temporal-create-namespace').TEMPORAL_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
    expect(env('temporal-create-namespace').TEMPORAL_ADDRESS).toBe(api.TEMPORAL_ADDRESS);
  });

  it('gives api and worker one required master key, and the UI the codec endpoint it may call', () => {
    const api = env('api');
    // `${VAR:?message}`: compose refuses to start without it, rather than each process inventing its own key.
    expect(api.WAYMARK_MASTER_KEY).toMatch(/^\$\{WAYMARK_MASTER_KEY:\?[^}]+\}$/);
    expect(env('worker').WAYMARK_MASTER_KEY).toBe(api.WAYMARK_MASTER_KEY);
    const ui = env('temporal-ui');
    const apiPort = ports('api')[0]?.host;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`http://localhost:${apiPort}/codec`);
    // The operator's codec session is a cookie: the UI must send credentials with its codec calls.
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    expect(api.TEMPORAL_UI_ORIGIN?.split(',')).toContain(`http://localhost:${ports('temporal-ui')[0]?.host}`);
  });

  it.each([...APP_SERVICES, 'migrate'])('%s runs in production mode with info logging', (name) => {
    expect(env(name)).toMatchObject({ NODE_ENV: 'production', LOG_LEVEL: 'info' });
    expect(env(name).DATABASE_URL).toBeTruthy();
  });

  it('keeps the API signing key on a named volume mounted at WAYMARK_DATA_DIR', () => {
    const dataDir = env('api').WAYMARK_DATA_DIR;
    expect(dataDir).toMatch(/^\//);
    const mount = mounts('api').find((candidate) => candidate.target === dataDir);
    expect(mount).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount?.source);
  });

  it('keeps PostgreSQL data on a named volume', () => {
    const mount = mounts('postgres').find((candidate) => candidate.target === '/var/lib/postgresql/data');
    expect(mount).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount?.source);
  });

  it('points the worker at the workflow bundle the image build produces', () => {
    const bundle = env('worker').WORKFLOW_BUNDLE_PATH ?? 'dist/workflow-bundle.js';
    const workdir = readDockerfile()
      .at(-1)
      ?.filter((instruction) => instruction.keyword === 'WORKDIR')
      .at(-1)?.args;
    expect(posix.resolve(workdir ?? '/', bundle)).toBe(posix.join(workdir ?? '/', 'dist/workflow-bundle.js'));
  });

  describe('start-up ordering', () => {
    it.each(APP_SERVICES)('%s waits for migrations, a healthy database and a ready Temporal namespace', (name) => {
      expect(dependsOn(name)).toMatchObject({
        migrate: 'service_completed_successfully',
        postgres: 'service_healthy',
        temporal: 'service_healthy',
        'temporal-create-namespace': 'service_completed_successfully',
      });
    });

    it('runs migrations once PostgreSQL is healthy', () => {
      expect(dependsOn('migrate')).toMatchObject({ postgres: 'service_healthy' });
    });

    it('starts Temporal only after its schema job succeeded', () => {
      expect(dependsOn('temporal-admin-tools')).toMatchObject({ postgres: 'service_healthy' });
      expect(dependsOn('temporal')).toMatchObject({ 'temporal-admin-tools': 'service_completed_successfully' });
      expect(dependsOn('temporal-create-namespace')).toMatchObject({ temporal: 'service_healthy' });
      expect(dependsOn('temporal-ui')).toMatchObject({ temporal: 'service_healthy' });
    });

    it('only waits for health on services that define a healthcheck', () => {
      for (const name of Object.keys(compose.services)) {
        for (const [dependency, condition] of Object.entries(dependsOn(name))) {
          if (condition !== 'service_healthy') continue;
          expect({ dependency, test: service(dependency).healthcheck?.test }).toEqual({
            dependency,
            test: expect.anything(),
          });
          expect(service(dependency).healthcheck?.disable).not.toBe(true);
        }
      }
    });

    it('only waits for completion on one-shot services, which a restart policy would keep from completing', () => {
      for (const name of Object.keys(compose.services)) {
        for (const [dependency, condition] of Object.entries(dependsOn(name))) {
          if (condition !== 'service_completed_successfully') continue;
          expect({ dependency, restart: service(dependency).restart ?? 'no' }).toEqual({ dependency, restart: 'no' });
        }
      }
    });
  });

  describe('healthchecks', () => {
    it('checks PostgreSQL with pg_isready', () => {
      expect(healthcheckText('postgres')).toContain('pg_isready');
    });

    it('checks that the Temporal frontend port answers', () => {
      expect(healthcheckText('temporal')).toContain('7233');
    });

    it('checks the API through GET /health with node, as slim images have no curl', () => {
      const test = asArgv(service('api').healthcheck?.test) ?? [];
      expect(test.slice(0, 2)).toEqual(['CMD', 'node']);
      expect(healthcheckText('api')).toContain('/health');
      expect(healthcheckText('api')).not.toMatch(/\b(curl|wget)\b/);
    });
  });

  describe('Temporal persistence', () => {
    it('stores Temporal in the compose PostgreSQL as the role the init script creates', () => {
      const server = env('temporal');
      const postgres = env('postgres');
      expect(server).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', DB_PORT: '5432' });
      expect(server.POSTGRES_USER).toBe(postgres.TEMPORAL_DB_USER);
      expect(server.POSTGRES_PWD).toBe(postgres.TEMPORAL_DB_PASSWORD);
    });

    it('sets up the schema against the same server, as the same role', () => {
      const schemaJob = env('temporal-admin-tools');
      const server = env('temporal');
      expect(schemaJob).toMatchObject({ SQL_PLUGIN: server.DB, SQL_HOST: server.POSTGRES_SEEDS, SQL_PORT: '5432' });
      expect(schemaJob.SQL_USER).toBe(server.POSTGRES_USER);
      expect(schemaJob.SQL_PASSWORD).toBe(server.POSTGRES_PWD);
    });

    it('points the UI at the compose Temporal server and allows the origin the browser uses', () => {
      const ui = env('temporal-ui');
      expect(ui.TEMPORAL_ADDRESS).toBe('temporal:7233');
      const published = ports('temporal-ui')[0]?.host;
      expect(ui.TEMPORAL_CORS_ORIGINS?.split(',')).toContain(`http://localhost:${published}`);
    });
  });

  describe('entry points', () => {
    it('runs the API with the image default command', () => {
      const command = asArgv(service('api').command);
      if (command !== undefined) expect(command).toEqual(['node', API_MAIN]);
      const cmd = readDockerfile()
        .at(-1)
        ?.filter((instruction) => instruction.keyword === 'CMD')
        .at(-1)?.args;
      expect(JSON.parse(cmd ?? 'null')).toEqual(['node', API_MAIN]);
    });

    it('runs the worker and the migrations from the compiled output', () => {
      expect(asArgv(service('worker').command)).toEqual(['node', WORKER_MAIN]);
      expect(asArgv(service('migrate').command)).toEqual(['node', MIGRATE_MAIN]);
    });
  });
});

describe('Dockerfile', () => {
  const stages = readDockerfile();
  const build = stages[0] ?? [];
  const runtime = stages[stages.length - 1] ?? [];
  const runs = (stage: Instruction[]) =>
    stage.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args);

  it('is a multi-stage build on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0].args).toMatch(/^node:20[.\d]*-bookworm-slim(\s|$)/);
  });

  it('installs from the lockfile, builds, then drops dev dependencies, in that order', () => {
    const script = runs(build).join(' && ');
    const ci = script.search(/\bnpm ci\b/);
    const buildAt = script.search(/\bnpm run build\b/);
    const prune = script.search(/\bnpm prune --omit=dev\b/);
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(buildAt).toBeGreaterThan(ci);
    expect(prune).toBeGreaterThan(buildAt);
  });

  it('ships only package.json, production node_modules and dist from the build stage', () => {
    const copies = runtime
      .filter((instruction) => instruction.keyword === 'COPY')
      .map((instruction) => instruction.args);
    for (const path of ['package.json', 'node_modules', 'dist']) {
      expect(copies).toContainEqual(expect.stringMatching(new RegExp(`^--from=build\\s+/app/${path}\\s`)));
    }
  });

  it('runs as the non-root node user', () => {
    const users = runtime
      .filter((instruction) => instruction.keyword === 'USER')
      .map((instruction) => instruction.args);
    expect(users.at(-1)).toBe('node');
    const userAt = runtime.findIndex((instruction) => instruction.keyword === 'USER' && instruction.args === 'node');
    const cmdAt = runtime.findIndex((instruction) => instruction.keyword === 'CMD');
    expect(userAt).toBeGreaterThan(-1);
    expect(userAt).toBeLessThan(cmdAt);
  });

  it('hands the API data directory to the node user, so the mounted volume is writable', () => {
    const dataDir = env('api').WAYMARK_DATA_DIR;
    expect(runs(runtime).join(' ')).toContain(`chown node:node ${dataDir}`);
  });
});

describe('.dockerignore', () => {
  it('keeps host dependencies and build output out of the build context', () => {
    const entries = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim().replace(/\/$/, ''));
    expect(entries).toEqual(expect.arrayContaining(['node_modules', 'dist']));
  });
});
