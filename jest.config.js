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
  projects: [
    project('unit', ['**/*.unit.spec.ts']),
    project('int', ['**/*.int.spec.ts'], realServices),
    project('e2e', ['**/*.e2e.spec.ts'], realServices),
  ],
};
