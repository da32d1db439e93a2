import { redactedUrl } from './outbound-url';

describe('the address reported in errors and outcomes', () => {
  it.each([
    ['a Slack incoming webhook, whose path is its secret', 'https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com'],
    ['a Teams workflow, signed in its query', 'https://prod-01.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SECRET', 'https://prod-01.westeurope.logic.azure.com'],
    ['a customer endpoint with a port', 'http://127.0.0.1:8443/hooks/token-in-path', 'http://127.0.0.1:8443'],
  ])('keeps only the scheme and host of %s', (_what, address, reported) => {
    expect(redactedUrl(new URL(address))).toBe(reported);
  });
});
