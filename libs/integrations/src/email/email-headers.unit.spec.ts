import { attempt } from '../testing/nudge-message.fixtures';
import { nudgeEmailHeaders } from './email-headers';

describe('nudgeEmailHeaders', () => {
  it('builds the same Message-ID on every attempt of a delivery, and names the attempt', () => {
    const first = nudgeEmailHeaders(attempt(1, 'delivery-9'), 'nudges@Stepwise.TEST');
    const third = nudgeEmailHeaders(attempt(3, 'delivery-9'), 'nudges@Stepwise.TEST');

    expect(first.messageId).toBe('<nudge.delivery-9@stepwise.test>');
    expect(third.messageId).toBe(first.messageId);
    expect(third.headers).toEqual({ 'X-Stepwise-Delivery-Id': 'delivery-9', 'X-Stepwise-Attempt': '3' });
  });

  it('hashes a delivery id that could not stand in a header as it is', () => {
    const { messageId, headers } = nudgeEmailHeaders(attempt(1, 'a b>\r\nBcc: x@y.test'), 'nudges@stepwise.test');

    expect(messageId).toMatch(/^<nudge\.[0-9a-f]{64}@stepwise\.test>$/);
    expect(headers['X-Stepwise-Delivery-Id']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('adds RFC 8058 one-click unsubscribe: the https URL first, the mailto after, commas encoded', () => {
    const { headers } = nudgeEmailHeaders(attempt(), 'nudges@stepwise.test', {
      url: 'https://app.stepwise.test/unsubscribe?t=a,b',
      mailto: 'mailto:unsubscribe@stepwise.test?subject=a,b',
    });

    expect(headers['List-Unsubscribe']).toBe('<https://app.stepwise.test/unsubscribe?t=a%2Cb>, <mailto:unsubscribe@stepwise.test?subject=a%2Cb>');
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});
