import { slackSignature, verifySlackRequest } from './slack-request.signature';

// Slack's own worked example (docs.slack.dev, "Verifying requests from Slack").
const EXAMPLE = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const at = (seconds: number) => new Date(seconds * 1000);
const problem = (verify: () => void): unknown => {
  try {
    verify();
    return 'accepted';
  } catch (error) {
    return [(error as { code: string }).code, (error as { details: { reason: string } }).details.reason];
  }
};

describe("Slack's request signature", () => {
  const request = { timestamp: EXAMPLE.timestamp, signature: EXAMPLE.signature, rawBody: Buffer.from(EXAMPLE.body) };

  it("matches Slack's documented example", () => {
    expect(slackSignature(EXAMPLE.secret, EXAMPLE.timestamp, Buffer.from(EXAMPLE.body))).toBe(EXAMPLE.signature);
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, request, at(1531420618 + 60)))).toBe('accepted');
  });

  it('is refused once the timestamp is more than five minutes from now, either way', () => {
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, request, at(1531420618 + 300)))).toBe('accepted');
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, request, at(1531420618 + 301)))).toEqual(['SLACK_SIGNATURE_INVALID', 'STALE_TIMESTAMP']);
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, request, at(1531420618 - 301)))).toEqual(['SLACK_SIGNATURE_INVALID', 'STALE_TIMESTAMP']);
  });

  it('is refused for another body, another secret, or another timestamp', () => {
    const now = at(1531420618);
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, { ...request, rawBody: Buffer.from(`${EXAMPLE.body}x`) }, now))).toEqual(['SLACK_SIGNATURE_INVALID', 'BAD_SIGNATURE']);
    expect(problem(() => verifySlackRequest('another-secret', request, now))).toEqual(['SLACK_SIGNATURE_INVALID', 'BAD_SIGNATURE']);
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, { ...request, timestamp: '1531420619' }, now))).toEqual(['SLACK_SIGNATURE_INVALID', 'BAD_SIGNATURE']);
  });

  it.each([
    ['no signature', { signature: undefined }, 'MISSING_SIGNATURE'],
    ['no timestamp', { timestamp: undefined }, 'MISSING_TIMESTAMP'],
    ['a signature of another version', { signature: EXAMPLE.signature.replace('v0=', 'v1=') }, 'MALFORMED_SIGNATURE'],
    ['a signature cut short', { signature: EXAMPLE.signature.slice(0, -2) }, 'MALFORMED_SIGNATURE'],
    ['a signature in capitals', { signature: EXAMPLE.signature.toUpperCase() }, 'MALFORMED_SIGNATURE'],
    ['a timestamp that is not whole seconds', { timestamp: '1531420618.5' }, 'MALFORMED_TIMESTAMP'],
    ['a timestamp that is not a number', { timestamp: 'yesterday' }, 'MALFORMED_TIMESTAMP'],
  ])('is refused with %s, saying so', (_name, change, reason) => {
    expect(problem(() => verifySlackRequest(EXAMPLE.secret, { ...request, ...change }, at(1531420618)))).toEqual(['SLACK_SIGNATURE_INVALID', reason]);
  });
});
