/** What other composition roots (the embedded default, end-to-end tests, benchmarks) need of the api. */
export * from './bootstrap-api';
export * from './config/api.config';
export * from './config/check-key-files';
export * from './config/check-listen-address';
export * from './auth/local-token-issuer';
export * from './graphql/api-schema';
