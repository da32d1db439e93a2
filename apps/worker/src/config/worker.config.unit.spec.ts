import { loadWorkerConfig } from './worker.config';

describe('worker config', () => {
  it('replays rebuilds in bigger batches than live projections, each settable', () => {
    expect(loadWorkerConfig({}, '/srv').projections).toMatchObject({ batchSize: 500, rebuildBatchSize: 3000 });
    expect(loadWorkerConfig({ STEPWISE_REBUILD_BATCH_SIZE: '5000' }, '/srv').projections.rebuildBatchSize).toBe(5000);
  });

  it('lets the processors no request waits on linger 20 ms after a wake-up by default, the fan-out too, 0 turning it off', () => {
    const config = loadWorkerConfig({}, '/srv');
    expect(config.projections.backgroundLingerMs).toBe(20);
    expect(config.nudges.fanOutLingerMs).toBe(20);
    expect(loadWorkerConfig({ STEPWISE_BACKGROUND_LINGER_MS: '0' }, '/srv').projections.backgroundLingerMs).toBe(0);
    expect(() => loadWorkerConfig({ STEPWISE_BACKGROUND_LINGER_MS: '1001' }, '/srv')).toThrow(/STEPWISE_BACKGROUND_LINGER_MS/);
  });

  it('keeps the nudge history 180 days by default, 0 for good, and never less than a week', () => {
    expect(loadWorkerConfig({}, '/srv').nudgeHistoryDays).toBe(180);
    expect(loadWorkerConfig({ STEPWISE_NUDGE_HISTORY_DAYS: '0' }, '/srv').nudgeHistoryDays).toBe(0);
    expect(loadWorkerConfig({ STEPWISE_NUDGE_HISTORY_DAYS: '7' }, '/srv').nudgeHistoryDays).toBe(7);
    expect(() => loadWorkerConfig({ STEPWISE_NUDGE_HISTORY_DAYS: '6' }, '/srv')).toThrow(/STEPWISE_NUDGE_HISTORY_DAYS: expected 0 \(keep it for good\) or at least 7 days/);
    expect(() => loadWorkerConfig({ STEPWISE_NUDGE_HISTORY_DAYS: '36501' }, '/srv')).toThrow(/STEPWISE_NUDGE_HISTORY_DAYS/);
  });

  it('refuses a malformed setting meant for the api too, naming it (one environment serves both)', () => {
    expect(() => loadWorkerConfig({ STEPWISE_PORT: 'abc' }, '/srv')).toThrow(/STEPWISE_PORT/);
    expect(() => loadWorkerConfig({ STEPWISE_AUTH_ALGORITHMS: 'HS256' }, '/srv')).toThrow(/STEPWISE_AUTH_ALGORITHMS/);
  });

  it('refuses a rebuild batch size out of range', () => {
    expect(() => loadWorkerConfig({ STEPWISE_REBUILD_BATCH_SIZE: '0' }, '/srv')).toThrow(/STEPWISE_REBUILD_BATCH_SIZE/);
    expect(() => loadWorkerConfig({ STEPWISE_REBUILD_BATCH_SIZE: '20000' }, '/srv')).toThrow(/STEPWISE_REBUILD_BATCH_SIZE/);
  });
});

describe('worker config for nudge delivery', () => {
  it('delivers from the shared Redis with settable concurrency, attempts and backoff', () => {
    const nudges = loadWorkerConfig({ STEPWISE_REDIS_URL: 'redis://queue:6380', STEPWISE_NUDGE_CONCURRENCY: '32', STEPWISE_NUDGE_MAX_ATTEMPTS: '5' }, '/srv').nudges;
    expect(nudges).toMatchObject({ redisUrl: 'redis://queue:6380', queuePrefix: 'stepwise', concurrency: 32, maxAttempts: 5, backoffBaseMs: 10_000, backoffCapMs: 3_600_000 });
  });

  it('refuses a lease no longer than a send may take, and a backoff base above its cap', () => {
    expect(() => loadWorkerConfig({ STEPWISE_NUDGE_LEASE_MS: '5000', STEPWISE_NUDGE_SEND_TIMEOUT_MS: '5000' }, '/srv')).toThrow(/STEPWISE_NUDGE_LEASE_MS/);
    expect(() => loadWorkerConfig({ STEPWISE_NUDGE_BACKOFF_BASE_MS: '5000', STEPWISE_NUDGE_BACKOFF_CAP_MS: '1000' }, '/srv')).toThrow(/STEPWISE_NUDGE_BACKOFF_BASE_MS/);
    expect(() => loadWorkerConfig({ STEPWISE_NUDGE_QUEUE_PREFIX: 'a:b' }, '/srv')).toThrow(/STEPWISE_NUDGE_QUEUE_PREFIX/);
  });
});

describe('worker config for the links nudges carry', () => {
  it('without a public URL, leads answer and unsubscribe links to the api where STEPWISE_HOST and STEPWISE_PORT put it, as the api does', () => {
    expect(loadWorkerConfig({ STEPWISE_PORT: '3417' }, '/srv').answerLinks.publicUrl).toBe('http://127.0.0.1:3417');
    expect(loadWorkerConfig({}, '/srv').answerLinks.publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadWorkerConfig({ STEPWISE_PORT: '3417', STEPWISE_PUBLIC_URL: 'https://stepwise.example.com' }, '/srv').answerLinks.publicUrl).toBe('https://stepwise.example.com');
  });
});

describe('worker config for the channels nudges go out on', () => {
  it('refuses private addresses, posts to Slack’s own API and has no default SMTP server unless told otherwise', () => {
    const config = loadWorkerConfig({}, '/srv');
    expect(config.outbound).toEqual({ allowPrivateAddresses: false, slackApiUrl: 'https://slack.com/api/', defaultSmtp: null, smtpConnectionsPerServer: 5, sendTimeoutMs: 10_000 });
    expect(config.slack).toEqual({ interactive: false });
  });

  it('reads the same outbound settings as the api, and Slack buttons where the api has a Slack signing secret', () => {
    const config = loadWorkerConfig(
      {
        STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true',
        STEPWISE_SLACK_API_URL: 'http://127.0.0.1:4000/api/',
        STEPWISE_SMTP_URL: 'smtp://nudges%40acme:p%40ss@127.0.0.1:1025',
        STEPWISE_SMTP_FROM: 'Stepwise Nudges <nudges@acme.example>',
        STEPWISE_SLACK_SIGNING_SECRET: 'slack-signing-secret',
        STEPWISE_SMTP_MAX_CONNECTIONS: '8',
      },
      '/srv',
    );
    expect(config.outbound).toEqual({
      allowPrivateAddresses: true,
      slackApiUrl: 'http://127.0.0.1:4000/api/',
      defaultSmtp: { host: '127.0.0.1', port: 1025, secure: false, auth: { user: 'nudges@acme', pass: 'p@ss' }, from: { address: 'nudges@acme.example', name: 'Stepwise Nudges' } },
      smtpConnectionsPerServer: 8,
      sendTimeoutMs: 10_000,
    });
    expect(config.slack).toEqual({ interactive: true });
    expect(loadWorkerConfig({ STEPWISE_SMTP_URL: 'smtps://mail.acme.example', STEPWISE_SMTP_FROM: 'nudges@acme.example' }, '/srv').outbound.defaultSmtp).toEqual({
      host: 'mail.acme.example',
      port: 465,
      secure: true,
      from: { address: 'nudges@acme.example' },
    });
  });

  it('refuses an SMTP server without a sender, a sender that is no address, and private addresses or plain http in production', () => {
    expect(() => loadWorkerConfig({ STEPWISE_SMTP_URL: 'smtp://127.0.0.1:1025' }, '/srv')).toThrow(/STEPWISE_SMTP_FROM: required with STEPWISE_SMTP_URL/);
    expect(() => loadWorkerConfig({ STEPWISE_SMTP_URL: 'smtp://127.0.0.1:1025', STEPWISE_SMTP_FROM: 'Stepwise' }, '/srv')).toThrow(/STEPWISE_SMTP_FROM: expected an email address/);
    expect(() => loadWorkerConfig({ STEPWISE_SMTP_URL: 'http://127.0.0.1:1025', STEPWISE_SMTP_FROM: 'a@b.example' }, '/srv')).toThrow(/STEPWISE_SMTP_URL/);
    expect(() => loadWorkerConfig({ STEPWISE_SMTP_MAX_CONNECTIONS: '0' }, '/srv')).toThrow(/STEPWISE_SMTP_MAX_CONNECTIONS/);
    expect(() => loadWorkerConfig({ STEPWISE_ENV: 'production', STEPWISE_WEBHOOKS_ALLOW_HTTP: 'true' }, '/srv')).toThrow(/STEPWISE_WEBHOOKS_ALLOW_HTTP: not allowed in production/);
    expect(() => loadWorkerConfig({ STEPWISE_ENV: 'production', STEPWISE_SLACK_API_URL: 'http://slack.internal/api/' }, '/srv')).toThrow(/STEPWISE_SLACK_API_URL: must be https in production/);
  });
});

describe('worker config of the keys it shares with the api', () => {
  const production = { STEPWISE_ENV: 'production', STEPWISE_DATABASE_URL: 'postgres://db/stepwise' };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadWorkerConfig(env, '/srv');
      return [];
    } catch (error) {
      return (error as { problems?: string[] }).problems ?? [String(error)];
    }
  };

  it('refuses production on PostgreSQL without a secrets key and a link signing key given to every process, and the public address links start with', () => {
    expect(problemsOf(production)).toEqual([
      expect.stringMatching(/^STEPWISE_SECRETS_KEY: required in production on PostgreSQL \(or STEPWISE_SECRETS_KEY_FILE/),
      expect.stringMatching(/^STEPWISE_LINK_SIGNING_KEY: required in production on PostgreSQL \(or STEPWISE_LINK_SIGNING_KEY_FILE/),
      expect.stringMatching(/^STEPWISE_PUBLIC_URL: required in production on PostgreSQL: the links nudges carry/),
    ]);
    // A command that only opens the database (migrate, the rebuilds) needs no public address.
    expect(() => loadWorkerConfig({ ...production, STEPWISE_SECRETS_KEY_FILE: '/k/s', STEPWISE_LINK_SIGNING_KEY_FILE: '/k/l' }, '/srv', 'maintain')).not.toThrow();
    // Empty, as docker compose passes a setting left out of .env, is unset.
    expect(problemsOf({ ...production, STEPWISE_PUBLIC_URL: '' })).toContainEqual(expect.stringMatching(/^STEPWISE_PUBLIC_URL: required/));
  });

  it('accepts the keys inline or as files on a shared volume', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(problemsOf({ ...production, STEPWISE_PUBLIC_URL: 'https://stepwise.example.com', STEPWISE_SECRETS_KEY: key, STEPWISE_LINK_SIGNING_KEY: key })).toEqual([]);
    const config = loadWorkerConfig({ ...production, STEPWISE_PUBLIC_URL: 'https://stepwise.example.com', STEPWISE_SECRETS_KEY_FILE: '/keys/secrets-key', STEPWISE_LINK_SIGNING_KEY_FILE: '/keys/link-signing-key' }, '/srv');
    expect(config.secrets).toEqual({ kind: 'file', file: '/keys/secrets-key' });
    expect(config.answerLinks.signingKey).toEqual({ kind: 'file', file: '/keys/link-signing-key' });
  });

  it('makes the key files on first use on the embedded default and outside production', () => {
    expect(problemsOf({ STEPWISE_ENV: 'production' })).toEqual([]);
    expect(problemsOf({ STEPWISE_DATABASE_URL: 'postgres://db/stepwise' })).toEqual([]);
  });
});
