// Three projects so the summary shows each kind ran: unit (no servers), workflows (Temporal's time-skipping
// server), e2e (the real API and worker against a real Temporal dev server and a real PostgreSQL).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/', '/.tools/'],
};

module.exports = {
  verbose: false,
  // Generous per-test ceiling for e2e steps that wait on real servers; no test sleeps a fixed time.
  testTimeout: 120000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/apps/api/**/*.spec.ts',
        '<rootDir>/apps/worker/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
        '<rootDir>/test/compose.spec.ts',
        '<rootDir>/test/lint-rules.spec.ts',
        '<rootDir>/test/docs.spec.ts',
        '<rootDir>/test/hygiene.spec.ts',
        '<rootDir>/test/sql-ownership.spec.ts',
      ],
    },
    {
      ...base,
      displayName: 'workflows',
      testMatch: [
        '<rootDir>/workflows/**/*.spec.ts',
        '<rootDir>/test/replay/**/*.spec.ts',
        '<rootDir>/test/workflow-bundle.spec.ts',
        '<rootDir>/test/failure-encryption.spec.ts',
      ],
      setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
    },
    {
      // The web application's components in a DOM (jsdom), compiled with the web app's own tsconfig (JSX, DOM lib).
      ...base,
      displayName: 'web',
      testEnvironment: 'jsdom',
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/apps/web/tsconfig.jest.json' }] },
      moduleNameMapper: { ...base.moduleNameMapper, '\\.css$': '<rootDir>/apps/web/test/style-stub.ts' },
      moduleFileExtensions: ['tsx', 'ts', 'js', 'json'],
      testMatch: ['<rootDir>/apps/web/**/*.spec.ts', '<rootDir>/apps/web/**/*.spec.tsx'],
    },
    {
      ...base,
      displayName: 'e2e',
      // test/browser: the web application in Debian's Chromium (playwright-core) against the same real servers.
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/browser/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/support/e2e-global-teardown.ts',
    },
  ],
};
