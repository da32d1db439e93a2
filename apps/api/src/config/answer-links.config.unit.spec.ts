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

describe('api configuration of one-tap answers', () => {
  it('defaults to a key file under the working directory, 72-hour links, the local URL and no Slack', () => {
    const config = loadApiConfig({}, '/srv/stepwise');
    expect(config.answerLinks).toEqual({
      signingKey: { kind: 'file', file: '/srv/stepwise/.stepwise/link-signing-key' },
      ttlHours: 72,
      publicUrl: 'http://127.0.0.1:3000',
    });
    expect(config.slack).toEqual({ signingSecret: null });
  });

  it('without a public URL, leads links to the api where STEPWISE_HOST and STEPWISE_PORT put it', () => {
    const linksFor = (env: Record<string, string>) => loadApiConfig(env, '/srv').answerLinks.publicUrl;
    expect(linksFor({ STEPWISE_PORT: '3417' })).toBe('http://127.0.0.1:3417');
    expect(linksFor({ STEPWISE_HOST: 'stepwise.internal', STEPWISE_PORT: '8080' })).toBe('http://stepwise.internal:8080');
    // Listening on every interface: reached on loopback from this machine.
    expect(linksFor({ STEPWISE_HOST: '0.0.0.0', STEPWISE_PORT: '3417' })).toBe('http://127.0.0.1:3417');
    expect(linksFor({ STEPWISE_HOST: '::1', STEPWISE_PORT: '3417' })).toBe('http://[::1]:3417');
    // A port chosen at start is unknown here: the documented default stands.
    expect(linksFor({ STEPWISE_PORT: '0' })).toBe('http://127.0.0.1:3000');
    expect(loadApiConfig({ STEPWISE_PORT: '3417', STEPWISE_PUBLIC_URL: 'https://stepwise.example.com' }, '/srv').answerLinks.publicUrl).toBe('https://stepwise.example.com');
  });

  it('takes a signing key, a lifetime, a public URL and a Slack signing secret', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const config = loadApiConfig(
      {
        STEPWISE_LINK_SIGNING_KEY: key,
        STEPWISE_ANSWER_LINK_TTL_HOURS: '24',
        STEPWISE_PUBLIC_URL: 'https://stepwise.example.com',
        STEPWISE_SLACK_SIGNING_SECRET: 'shh',
      },
      '/srv',
    );
    expect(config.answerLinks).toEqual({ signingKey: { kind: 'inline', base64: key }, ttlHours: 24, publicUrl: 'https://stepwise.example.com' });
    expect(config.slack).toEqual({ signingSecret: 'shh' });
  });

  it('refuses a key shorter than 32 bytes or not base64, a lifetime outside 1 to 720 hours, and a URL that is not http(s)', () => {
    const problems = problemsOf({
      STEPWISE_LINK_SIGNING_KEY: Buffer.alloc(31).toString('base64'),
      STEPWISE_ANSWER_LINK_TTL_HOURS: '721',
      STEPWISE_PUBLIC_URL: 'ftp://example.com',
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^STEPWISE_LINK_SIGNING_KEY: expected at least 32 random bytes, base64-encoded/);
    expect(problems[1]).toMatch(/^STEPWISE_ANSWER_LINK_TTL_HOURS: /);
    expect(problems[2]).toMatch(/^STEPWISE_PUBLIC_URL: /);
    expect(problemsOf({ STEPWISE_LINK_SIGNING_KEY: 'this is not base64 at all, and is long enough' })[0]).toMatch(/^STEPWISE_LINK_SIGNING_KEY: /);
  });
});
