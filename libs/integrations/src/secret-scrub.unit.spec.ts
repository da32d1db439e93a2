import { scrubSecretPieces, urlSecrets, withoutSecrets } from './secret-scrub';

describe('taking secrets out of a receiver’s answer', () => {
  it('marks a whole secret, a cut piece of a long one, and a short one whole; the rest stays as it came', () => {
    const token = 'xoxb-1111-2222-3333-abcdefghijkl';
    expect(scrubSecretPieces(`auth: Bearer ${token}; cut: ${token.slice(0, 20)}`, [token])).toBe('auth: Bearer [secret]; cut: [secret]');
    expect(scrubSecretPieces('535 bad password hunter2 for ada', ['hunter2'])).toBe('535 bad password [secret] for ada');
    // Too short to say anything by itself: not looked for.
    expect(scrubSecretPieces('abc abc', ['abc'])).toBe('abc abc');
  });

  it('takes a URL’s path and query as its secret, raw and percent-decoded', () => {
    expect(urlSecrets('https://example.test/hooks/a%2Bb?sig=x')).toEqual(['/hooks/a%2Bb?sig=x', '/hooks/a+b?sig=x']);
    expect(urlSecrets('not a url')).toEqual(['not a url']);
  });

  it('leaves an outcome without a detail as it is', () => {
    const delivered = { kind: 'delivered' as const, statusCode: 200, detail: null };
    expect(withoutSecrets(delivered, ['hunter2'])).toBe(delivered);
  });
});
