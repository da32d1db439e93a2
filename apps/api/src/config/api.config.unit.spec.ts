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
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, timeouts: { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 65_000 } });
    expect(config.env).toBe('development');
  });

  it('uses PostgreSQL when a database URL is given', () => {
    const config = loadApiConfig(
      { STEPWISE_DATABASE_URL: 'postgres://app@db:5432/stepwise', STEPWISE_DATABASE_POOL_SIZE: '25' },
      '/srv',
    );
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db:5432/stepwise', poolSize: 25, connectTimeoutMs: 10_000, migrateOnBoot: true });
  });

  it('bounds how long opening a PostgreSQL session may take, and names a timeout that is not a whole number of milliseconds in its range', () => {
    const env = { STEPWISE_DATABASE_URL: 'postgres://app@db:5432/stepwise', STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: '2500' };
    expect(loadApiConfig(env, '/srv').database).toMatchObject({ kind: 'postgres', connectTimeoutMs: 2_500 });
    expect(problemsOf({ STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: 'abc' })).toEqual(['STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: expected a whole number from 100 to 120000']);
    expect(problemsOf({ STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: '50' })).toEqual([expect.stringMatching(/^STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: .*100/)]);
    expect(problemsOf({ STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: '120001' })).toEqual([expect.stringMatching(/^STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: .*120000/)]);
  });

  it('rejects an unknown STEPWISE_ setting by name', () => {
    expect(problemsOf({ STEPWISE_PROT: '3000' })).toEqual(['STEPWISE_PROT: unknown setting']);
  });

  it('passes over the test suite’s own settings, exported in a shell for `npm test`', () => {
    expect(() => loadApiConfig({ STEPWISE_TEST_PG_URL: 'postgres://postgres@127.0.0.1:5432/test', STEPWISE_TEST_REDIS_URL: 'redis://127.0.0.1:6379' }, '/srv')).not.toThrow();
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

  it('reads a yes-or-no setting in any case, and names the words it takes when refusing one', () => {
    for (const [value, meant] of [['FALSE', false], ['False', false], ['no', false], ['0', false], ['TRUE', true], ['Yes', true], ['1', true]] as const) {
      expect(loadApiConfig({ STEPWISE_MIGRATE_ON_BOOT: value }, '/srv').database.migrateOnBoot).toBe(meant);
    }
    expect(problemsOf({ STEPWISE_MIGRATE_ON_BOOT: 'maybe' })).toEqual(['STEPWISE_MIGRATE_ON_BOOT: expected true or false (or 1 or 0, or yes or no; in any case)']);
  });

  it.each(['STEPWISE_DATABASE_URL', 'STEPWISE_REDIS_URL', 'STEPWISE_AUTH_JWKS_URL', 'STEPWISE_PUBLIC_URL', 'STEPWISE_SLACK_API_URL', 'STEPWISE_SMTP_URL'])(
    'names %s when its value is no URL at all, as one problem',
    (key) => {
      const problems = problemsOf({ [key]: 'example.com/stepwise', ...(key === 'STEPWISE_SMTP_URL' && { STEPWISE_SMTP_FROM: 'nudges@example.com' }) });
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^${key}: expected a URL starting with `))]);
    },
  );

  it.each([
    ['a space in the host', 'postgres://postgres@127.0.0.1 /stepwise'],
    ['a trailing line break', 'postgres://postgres@127.0.0.1/stepwise\n'],
    ['a tab in the password', 'postgres://postgres:pa\tss@127.0.0.1/stepwise'],
  ])('names STEPWISE_DATABASE_URL with %s, which a parser would quietly drop or encode', (_case, url) => {
    expect(problemsOf({ STEPWISE_DATABASE_URL: url })).toEqual(['STEPWISE_DATABASE_URL: expected a URL without spaces, tabs or line breaks']);
  });

  // `-e STEPWISE_DATABASE_URL=$DATABASE_URL` with the variable missing: read as unset, it ran on a new,
  // empty embedded database (in production too) and took writes that live only in the container.
  // The same with the queue prefix: read as unset, a deployment shared the default nudge queue with any other on its Redis.
  it('refuses STEPWISE_NUDGE_QUEUE_PREFIX set to nothing rather than using the default prefix; other empty settings read as unset', () => {
    expect(problemsOf({ STEPWISE_NUDGE_QUEUE_PREFIX: '' })).toEqual([expect.stringMatching(/^STEPWISE_NUDGE_QUEUE_PREFIX: set but empty; /)]);
    expect(loadApiConfig({ STEPWISE_PORT: '', STEPWISE_HOST: '', STEPWISE_REDIS_URL: '' }, '/srv/stepwise')).toMatchObject({ http: { port: 3000, host: '127.0.0.1' } });
  });

  it.each([''])('refuses STEPWISE_DATABASE_URL set to %j rather than running on the embedded database', (value) => {
    expect(problemsOf({ STEPWISE_DATABASE_URL: value })).toEqual([expect.stringMatching(/^STEPWISE_DATABASE_URL: set but empty; /)]);
    expect(problemsOf({ STEPWISE_DATABASE_URL: value, STEPWISE_ENV: 'production', STEPWISE_AUTH_JWKS_URL: 'https://id.example.com/jwks', STEPWISE_AUTH_ISSUER: 'i', STEPWISE_AUTH_AUDIENCE: 'a' })).toContainEqual(
      expect.stringMatching(/^STEPWISE_DATABASE_URL: set but empty; /),
    );
  });

  it('keeps up to 32 MB of answers per cache unless told otherwise; 0 keeps none, and a bad size is named', () => {
    expect(loadApiConfig({}, '/srv').keptAnswersBytes).toBe(32 * 2 ** 20);
    expect(loadApiConfig({ STEPWISE_KEPT_ANSWERS_MB: '0' }, '/srv').keptAnswersBytes).toBe(0);
    expect(loadApiConfig({ STEPWISE_KEPT_ANSWERS_MB: '128' }, '/srv').keptAnswersBytes).toBe(128 * 2 ** 20);
    for (const bad of ['-1', '2048', 'lots']) expect(problemsOf({ STEPWISE_KEPT_ANSWERS_MB: bad })).toEqual([expect.stringMatching(/^STEPWISE_KEPT_ANSWERS_MB: /)]);
  });

  it('lists no CORS origins unless told, keeps each as a browser spells it, and names what is not an origin', () => {
    expect(loadApiConfig({}, '/srv').cors.origins).toEqual([]);
    expect(loadApiConfig({ STEPWISE_CORS_ORIGINS: ' ' }, '/srv').cors.origins).toEqual([]);
    expect(loadApiConfig({ STEPWISE_CORS_ORIGINS: 'HTTPS://App.Example.com:443, http://localhost:5173,https://app.example.com' }, '/srv').cors.origins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(loadApiConfig({ STEPWISE_CORS_ORIGINS: '*' }, '/srv').cors.origins).toEqual(['*']);
    const refusals: [string, RegExp][] = [
      ['https://app.example.com/', /has more than a scheme, host and port: a browser's Origin is https:\/\/app\.example\.com,/],
      ['https://app.example.com/dashboard', /has more than a scheme, host and port/],
      ['https://user@app.example.com', /has more than a scheme, host and port/],
      ['https://app.example.com?x', /has more than a scheme, host and port/],
      ['app.example.com', /"app\.example\.com" is not an origin such as https:\/\/app\.example\.com/],
      ['ftp://files.example.com', /is not an http or https origin/],
      ['https://a.example.com,,https://b.example.com', /an empty entry/],
      ['*, https://app.example.com', /\* allows every origin, so it stands alone/],
    ];
    for (const [value, reason] of refusals) {
      expect(problemsOf({ STEPWISE_CORS_ORIGINS: value })).toEqual([expect.stringMatching(/^STEPWISE_CORS_ORIGINS: /)]);
      expect(problemsOf({ STEPWISE_CORS_ORIGINS: value })[0]).toMatch(reason);
    }
  });

  it('rejects a port out of range', () => {
    expect(problemsOf({ STEPWISE_PORT: '70000' })[0]).toMatch(/^STEPWISE_PORT:/);
  });

  it('bounds how long a client may take to send a request, and keeps idle connections past a load balancer’s', () => {
    const config = loadApiConfig(
      { STEPWISE_HTTP_HEADERS_TIMEOUT_MS: '5000', STEPWISE_HTTP_REQUEST_TIMEOUT_MS: '20000', STEPWISE_HTTP_KEEP_ALIVE_TIMEOUT_MS: '620000' },
      '/srv',
    );
    expect(config.http.timeouts).toEqual({ headersMs: 5_000, requestMs: 20_000, keepAliveMs: 620_000 });
  });

  it('names each HTTP timeout that is not a whole number of milliseconds in its range', () => {
    expect(problemsOf({ STEPWISE_HTTP_HEADERS_TIMEOUT_MS: '10s', STEPWISE_HTTP_REQUEST_TIMEOUT_MS: '0', STEPWISE_HTTP_KEEP_ALIVE_TIMEOUT_MS: '-1' })).toEqual([
      'STEPWISE_HTTP_HEADERS_TIMEOUT_MS: expected a whole number from 100 to 120000',
      expect.stringMatching(/^STEPWISE_HTTP_REQUEST_TIMEOUT_MS: .*100/),
      // A negative number is a whole number too: the message says the range it is outside.
      'STEPWISE_HTTP_KEEP_ALIVE_TIMEOUT_MS: expected a whole number from 1000 to 900000',
    ]);
    expect(problemsOf({ STEPWISE_HTTP_REQUEST_TIMEOUT_MS: '3600000' })).toEqual([expect.stringMatching(/^STEPWISE_HTTP_REQUEST_TIMEOUT_MS: .*600000/)]);
  });

  it('refuses a headers timeout longer than the request timeout, saying why', () => {
    expect(problemsOf({ STEPWISE_HTTP_HEADERS_TIMEOUT_MS: '40000' })).toEqual([
      'STEPWISE_HTTP_HEADERS_TIMEOUT_MS: 40000 is longer than STEPWISE_HTTP_REQUEST_TIMEOUT_MS (30000); the headers are part of the request, so set it to at most the request timeout',
    ]);
  });

  it('accepts settings meant for the worker, so one environment can serve both processes', () => {
    expect(() => loadApiConfig({ STEPWISE_PROJECTION_BATCH_SIZE: '100' }, '/srv')).not.toThrow();
  });

  it('refuses a malformed setting meant for the worker too, naming it: one environment, refused by every process alike', () => {
    expect(problemsOf({ STEPWISE_PROJECTION_BATCH_SIZE: 'abc' })).toEqual([expect.stringMatching(/^STEPWISE_PROJECTION_BATCH_SIZE: /)]);
    expect(problemsOf({ STEPWISE_NUDGE_LEASE_MS: '-5' })).toEqual([expect.stringMatching(/^STEPWISE_NUDGE_LEASE_MS: /)]);
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

  it('in production, refuses a JWKS URL over plain http across a network, and takes one on this machine', () => {
    const identityProvider = { STEPWISE_ENV: 'production', STEPWISE_AUTH_ISSUER: 'https://idp.example.test/', STEPWISE_AUTH_AUDIENCE: 'stepwise-api' };
    for (const url of ['http://idp.example.test/jwks.json', 'http://10.0.0.7:8080/certs', 'http://127.0.0.1.example.test/jwks']) {
      expect(problemsOf({ ...identityProvider, STEPWISE_AUTH_JWKS_URL: url })).toEqual([expect.stringMatching(/^STEPWISE_AUTH_JWKS_URL: must be https in production/)]);
    }
    for (const url of ['http://127.0.0.1:8080/certs', 'http://[::1]/jwks', 'http://localhost:3000/jwks', 'https://idp.example.test/jwks.json']) {
      expect(loadApiConfig({ ...identityProvider, STEPWISE_AUTH_JWKS_URL: url }, '/srv').auth.keys).toEqual({ kind: 'jwks', url });
    }
    expect(loadApiConfig({ STEPWISE_AUTH_JWKS_URL: 'http://idp.example.test/jwks.json', STEPWISE_AUTH_ISSUER: 'i', STEPWISE_AUTH_AUDIENCE: 'a' }, '/srv').auth.keys).toMatchObject({ kind: 'jwks' });
  });
});

describe('api configuration: secrets and webhooks', () => {
  const key = Buffer.alloc(32, 7).toString('base64');

  it('keeps the secrets key in a file beside the data folder unless STEPWISE_SECRETS_KEY is set', () => {
    expect(loadApiConfig({}, '/srv/stepwise').secrets).toEqual({ kind: 'file', file: '/srv/stepwise/.stepwise/secrets-key' });
    expect(loadApiConfig({ STEPWISE_DATA_DIR: '/var/lib/stepwise/pg' }, '/srv').secrets).toEqual({ kind: 'file', file: '/var/lib/stepwise/secrets-key' });
    expect(loadApiConfig({ STEPWISE_SECRETS_KEY_FILE: 'keys/secrets' }, '/srv').secrets).toEqual({ kind: 'file', file: '/srv/keys/secrets' });
    expect(loadApiConfig({ STEPWISE_SECRETS_KEY: key }, '/srv').secrets).toEqual({ kind: 'key', key });
  });

  it.each([
    ['16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ['not base64', 'correct horse battery staple'],
  ])('refuses a secrets key of %s, naming the setting and how to make one, never its value', (_case, value) => {
    const problems = problemsOf({ STEPWISE_SECRETS_KEY: value });
    expect(problems).toEqual(['STEPWISE_SECRETS_KEY: expected the base64 of 32 random bytes (make one with: openssl rand -base64 32)']);
  });

  it('allows plain-http webhook URLs only when asked, and never in production', () => {
    expect(loadApiConfig({}, '/srv').webhooks).toEqual({ allowHttp: false });
    expect(loadApiConfig({ STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true' }, '/srv').webhooks).toEqual({ allowHttp: true });
    const production = { STEPWISE_ENV: 'production', STEPWISE_AUTH_JWKS_URL: 'https://idp.example.test/jwks', STEPWISE_AUTH_ISSUER: 'i', STEPWISE_AUTH_AUDIENCE: 'a' };
    expect(problemsOf({ ...production, STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true' })).toEqual([expect.stringMatching(/^STEPWISE_WEBHOOKS_ALLOW_HTTP: not allowed in production/)]);
  });

  it('sends test messages with the outbound settings the worker delivers with', () => {
    const env = { STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true', STEPWISE_SLACK_API_URL: 'http://127.0.0.1:4000/api/', STEPWISE_SMTP_URL: 'smtp://127.0.0.1:1025', STEPWISE_SMTP_FROM: 'nudges@acme.example' };
    expect(loadApiConfig(env, '/srv').outbound).toEqual({
      allowPrivateAddresses: true,
      slackApiUrl: 'http://127.0.0.1:4000/api/',
      defaultSmtp: { host: '127.0.0.1', port: 1025, secure: false, from: { address: 'nudges@acme.example' } },
      smtpConnectionsPerServer: 5,
      sendTimeoutMs: 10_000,
    });
    expect(loadApiConfig({ STEPWISE_NUDGE_SEND_TIMEOUT_MS: '2000' }, '/srv').outbound.sendTimeoutMs).toBe(2_000);
  });

  it('refuses production on PostgreSQL unless the worker and the api are given the same secrets and link signing keys', () => {
    const production = {
      STEPWISE_ENV: 'production',
      STEPWISE_DATABASE_URL: 'postgres://db/stepwise',
      STEPWISE_AUTH_JWKS_URL: 'https://idp.example.test/jwks',
      STEPWISE_AUTH_ISSUER: 'i',
      STEPWISE_AUTH_AUDIENCE: 'a',
      STEPWISE_PUBLIC_URL: 'https://stepwise.example.com',
    };
    expect(problemsOf(production)).toEqual([
      expect.stringMatching(/^STEPWISE_SECRETS_KEY: required in production on PostgreSQL .*every process needs the same key/),
      expect.stringMatching(/^STEPWISE_LINK_SIGNING_KEY: required in production on PostgreSQL .*every process needs the same key/),
    ]);
    expect(loadApiConfig({ ...production, STEPWISE_SECRETS_KEY_FILE: '/keys/s', STEPWISE_LINK_SIGNING_KEY_FILE: '/keys/l' }, '/srv').secrets).toEqual({ kind: 'file', file: '/keys/s' });
  });
});
