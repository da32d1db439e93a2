import { checkSlackResponseUrl, slackResponseUrlOf } from './slack-response-url.sender';

describe('checkSlackResponseUrl', () => {
  const slackOnly = { allowAnyHost: false };

  it.each(['https://hooks.slack.com/actions/T0/123/abc', 'https://HOOKS.slack.com/actions/T0/123/abc', 'https://hooks.slack-gov.com/actions/T0/123/abc'])('takes %s', (url) => {
    expect(checkSlackResponseUrl(url, slackOnly)).toEqual({ url: new URL(url) });
  });

  it.each([
    [undefined, 'MISSING'],
    ['', 'MISSING'],
    [42, 'MISSING'],
    ['not a url', 'INVALID_URL'],
    ['https://user:pass@hooks.slack.com/actions/x', 'CREDENTIALS_IN_URL'],
    ['http://hooks.slack.com/actions/x', 'HTTPS_REQUIRED'],
    ['https://evil.example.com/x', 'NOT_A_SLACK_HOST'],
    ['https://hooks.slack.com.evil.example.com/x', 'NOT_A_SLACK_HOST'],
    ['https://hooks.slack.com:8443/x', 'NOT_A_SLACK_HOST'],
    ['http://127.0.0.1:9000/x', 'NOT_A_SLACK_HOST'],
    ['file:///etc/passwd', 'INVALID_URL'],
  ])('refuses %j: %s', (url, refused) => {
    expect(checkSlackResponseUrl(url, slackOnly)).toEqual({ refused });
  });

  it('takes any http(s) host only where the deployment allows it, and never another scheme', () => {
    expect(checkSlackResponseUrl('http://127.0.0.1:9000/x', { allowAnyHost: true })).toEqual({ url: new URL('http://127.0.0.1:9000/x') });
    expect(checkSlackResponseUrl('ftp://127.0.0.1/x', { allowAnyHost: true })).toEqual({ refused: 'HTTPS_REQUIRED' });
  });
});

describe('slackResponseUrlOf', () => {
  it('reads the payload’s response_url, and nothing from a payload it cannot read', () => {
    expect(slackResponseUrlOf(JSON.stringify({ type: 'block_actions', response_url: 'https://hooks.slack.com/actions/x' }))).toBe('https://hooks.slack.com/actions/x');
    expect(slackResponseUrlOf(JSON.stringify({ type: 'block_actions' }))).toBeUndefined();
    expect(slackResponseUrlOf('{not json')).toBeUndefined();
    expect(slackResponseUrlOf('[]')).toBeUndefined();
    expect(slackResponseUrlOf(undefined)).toBeUndefined();
  });
});
