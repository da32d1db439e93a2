// Lint rules, chiefly the layer boundaries of STYLE.md expressed as Nx project tags:
// type:kernel <- type:domain <- type:application <- type:infrastructure <- type:app, with the
// persistence libraries beside them: type:database (the SQL layer) <- type:event-store.
import graphql from '@graphql-eslint/eslint-plugin';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworkPackages = [
  '@nestjs/*', 'pg', '@electric-sql/*', 'bullmq', 'ioredis', '@apollo/*', 'class-validator', 'graphql', 'express', 'pino',
];

const testCodeImports = {
  group: ['@stepwise/*/testing', '@stepwise/test-support', '**/testing', '**/testing/*', '*.fixtures', '**/*.fixtures'],
  message: 'Test code has its own entry point (`…/testing`) for specs; production sources must not import or export it.',
};

const readSideMessage = 'The read side imports the `…-application/read` entry point, never the command side.';
const commandSideEntryPoints = ['@stepwise/journeys-application', '@stepwise/tenancy-application', '@stepwise/nudges-application'].map((name) => ({ name, message: readSideMessage }));
const commandSideFolders = { group: ['**/commands', '**/commands/*'], message: readSideMessage };

const persistenceBans = ['@nestjs/*', 'bullmq', 'ioredis', '@apollo/*', 'graphql'];

// The application layer sees the event store's port, never the SQL under it.
const depConstraints = [
  { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkPackages },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain'], bannedExternalImports: frameworkPackages },
  { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:event-store'] },
  { sourceTag: 'type:database', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: persistenceBans },
  { sourceTag: 'type:event-store', onlyDependOnLibsWithTags: ['type:kernel', 'type:database'], bannedExternalImports: persistenceBans },
  { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:database', 'type:event-store', 'type:infrastructure'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:application', 'type:database', 'type:event-store', 'type:infrastructure'] },
  { sourceTag: 'type:tests', onlyDependOnLibsWithTags: ['*'] },
];

// Integration specs run a layer against real storage, so they may open it.
const intSpecConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag === 'type:application'
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:database'] }
    : constraint,
);

const moduleBoundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    // Composition roots may compose the apps: the embedded default, end-to-end tests, benchmarks.
    allow: ['@stepwise/api', '@stepwise/worker', '@stepwise/test-support'],
    depConstraints: constraints,
  },
];

/** The committed SDL is what integrators read: every type, field, argument and enum value is described, and lists are Relay connections. */
const schemaRules = {
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      rootField: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
      DirectiveDefinition: true,
      // The root types are described by their fields; code-first NestJS gives them no description of their own.
      ignoredSelectors: ['ObjectTypeDefinition[name.value=/^(Query|Mutation)$/]'],
    },
  ],
  '@graphql-eslint/relay-page-info': 'error',
  '@graphql-eslint/relay-connection-types': 'error',
  // Lists page forward only (first/after); other lists ([Team], vision history) are short and whole.
  '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
  '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
};

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '.stepwise/**', 'data/**'] },
  {
    files: ['apps/api/schema.graphql'],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'apps/api/schema.graphql' } } },
    plugins: { '@graphql-eslint': graphql },
    rules: schemaRules,
  },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: config.files ?? ['**/*.{ts,js,mjs,cjs}'] })),
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': moduleBoundaries(depConstraints),
    },
  },
  {
    // Test code stays out of what ships: production sources (and so their entry points) never import
    // or re-export a testing entry point, a fixture or the test support; specs and testing folders may.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [testCodeImports],
        },
      ],
    },
  },
  {
    // The read side (query resolvers, viewers, mappers, read ports and access policies) never imports
    // command handlers. (This block replaces the one above for these files, so it repeats its patterns.)
    files: [
      'apps/api/src/**/*-queries.resolver.ts',
      'apps/api/src/**/*-viewer.ts',
      'apps/api/src/**/*.mappers.ts',
      'libs/*/application/src/read.ts',
      'libs/*/application/src/*-read.port.ts',
      'libs/*/application/src/access/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: commandSideEntryPoints, patterns: [testCodeImports, commandSideFolders] }] },
  },
  {
    files: ['**/*.int.spec.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(intSpecConstraints) },
  },
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
  },
];
