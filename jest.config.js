const moduleNameMapper = require('./tools/jest-paths');

const transform = {
  '^.+\\.(ts|js|mjs)$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
    },
  ],
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
  // Two test files at a time: the integration and end-to-end suites mostly wait on PostgreSQL, Redis
  // and child processes, so two share a 2-core machine well (jest's default there is one); each file
  // reads only its own events, tenants and queue prefix (or a scratch database of its own), so files
  // running side by side never see each other's data.
  maxWorkers: 2,
  projects: [
    project('unit', ['**/*.unit.spec.ts']),
    project('int', ['**/*.int.spec.ts'], realServices),
    project('e2e', ['**/*.e2e.spec.ts'], realServices),
  ],
};
