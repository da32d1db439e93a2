import { ConfigError } from '@stepwise/platform';
import { loadApiConfig } from './api.config';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadApiConfig(env, '/srv/stepwise');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
};

describe('api configuration', () => {
  it('defaults to the embedded mode: PGlite under the working directory, local Redis', () => {
    const config = loadApiConfig({}, '/srv/stepwise');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/srv/stepwise/.stepwise/data', migrateOnBoot: true });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.env).toBe('development');
  });

  it('uses PostgreSQL when a database URL is given', () => {
    const config = loadApiConfig(
      { STEPWISE_DATABASE_URL: 'postgres://app@db:5432/stepwise', STEPWISE_DATABASE_POOL_SIZE: '25' },
      '/srv',
    );
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db:5432/stepwise', poolSize: 25, migrateOnBoot: true });
  });

  it('rejects an unknown STEPWISE_ setting by name', () => {
    expect(problemsOf({ STEPWISE_PROT: '3000' })).toEqual(['STEPWISE_PROT: unknown setting']);
  });

  it('names each malformed setting', () => {
    const problems = problemsOf({
      STEPWISE_PORT: 'eighty',
      STEPWISE_DATABASE_URL: 'mysql://db/x',
      STEPWISE_MIGRATE_ON_BOOT: 'maybe',
      STEPWISE_LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(4);
    for (const key of ['STEPWISE_PORT', 'STEPWISE_DATABASE_URL', 'STEPWISE_MIGRATE_ON_BOOT', 'STEPWISE_LOG_LEVEL']) {
      expect(problems.some((problem) => problem.startsWith(`${key}:`))).toBe(true);
    }
  });

  it('rejects a port out of range', () => {
    expect(problemsOf({ STEPWISE_PORT: '70000' })[0]).toMatch(/^STEPWISE_PORT:/);
  });

  it('accepts settings meant for the worker, so one environment can serve both processes', () => {
    expect(() => loadApiConfig({ STEPWISE_PROJECTION_BATCH_SIZE: '100' }, '/srv')).not.toThrow();
  });

  it('ignores variables outside its prefix', () => {
    expect(() => loadApiConfig({ PATH: '/usr/bin', NODE_ENV: 'production' }, '/srv')).not.toThrow();
  });

  it('in production, asks for the identity provider or the development mode', () => {
    expect(problemsOf({ STEPWISE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^STEPWISE_AUTH_JWKS_URL: required in production; set it to .*JWKS URL.*or set STEPWISE_ENV=development/),
    ]);
  });

  it('with a JWKS URL, needs the issuer and audience set explicitly, naming both', () => {
    const problems = problemsOf({ STEPWISE_ENV: 'production', STEPWISE_AUTH_JWKS_URL: 'https://idp.example.test/jwks.json', STEPWISE_AUTH_ISSUER: '' });
    expect(problems).toEqual([
      expect.stringMatching(/^STEPWISE_AUTH_ISSUER: required with STEPWISE_AUTH_JWKS_URL; set it to/),
      expect.stringMatching(/^STEPWISE_AUTH_AUDIENCE: required with STEPWISE_AUTH_JWKS_URL; set it to/),
    ]);
    const config = loadApiConfig(
      { STEPWISE_ENV: 'production', STEPWISE_AUTH_JWKS_URL: 'https://idp.example.test/jwks.json', STEPWISE_AUTH_ISSUER: 'https://idp.example.test/', STEPWISE_AUTH_AUDIENCE: 'stepwise-api' },
      '/srv',
    );
    expect(config.auth).toMatchObject({ issuer: 'https://idp.example.test/', audience: 'stepwise-api', keys: { kind: 'jwks' } });
  });
});
