const moduleNameMapper = require('./tools/jest-paths');
const swcOptions = require('./tools/swc-options');

const transform = {
  '^.+\\.(ts|js|mjs)$': ['@swc/jest', swcOptions],
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests', '<rootDir>/tools'],
  testMatch,
  transform,
  // jose and request-filtering-agent ship ES modules only; jest's loader needs them as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(jose|request-filtering-agent)/)'],
  moduleNameMapper,
  ...extra,
});

const realServices = {
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/tests/support/real-services.timeout.ts'],
};

module.exports = {
  // Three test files at a time on a 2-core machine (jest's default there is one): the integration and
  // end-to-end files wait on PostgreSQL, Redis and child processes between bursts of CPU, and a third
  // file fills those waits. Measured on the whole suite, one run each (2026-12-04): 18 min 14 s with
  // two, 16 min 23 s with three while other work loaded the machine; with three, after the slowest
  // files were trimmed, 12 min 54 s on a quiet machine and 15 min 30 s with a core kept busy by
  // `yes` beside it (CI's whole run, install and lint included: 15 min 6 s and 17 min 12 s). Each file reads only its own
  // events, tenants and queue prefix (or a scratch database of its own), so files running side by
  // side never see each other's data. Four measured no faster (2026-12-06, quiet, one run each:
  // 662 s against 690 s with three, the two cores busy 1,311 and 1,351 s of it): the suite is
  // CPU-bound at three, so three it stays.
  maxWorkers: 3,
  // How long jest waits for a worker to exit once the run is over before it kills the worker and
  // warns "A worker process has failed to exit gracefully". Jest's default, 500 ms, is shorter than
  // the operating system takes to tear down a worker that held PGlite's WebAssembly heaps (500 MB to
  // 1 GB resident) on a busy 2-core machine: measured 1.1 to 2.2 s after the process's 'exit' event,
  // with nothing left running in it. A worker that really leaks a handle never exits, so it is still
  // reported, 5 s later.
  workerGracefulExitTimeout: 5_000,
  projects: [
    project('unit', ['**/*.unit.spec.ts']),
    project('int', ['**/*.int.spec.ts'], realServices),
    project('e2e', ['**/*.e2e.spec.ts'], realServices),
  ],
};
