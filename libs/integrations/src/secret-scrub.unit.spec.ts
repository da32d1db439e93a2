import { echoedForms, scrubSecretPieces, urlSecrets, withoutSecrets } from './secret-scrub';

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

  it('takes a secret out in the forms a receiver echoes it in: base64 (as AUTH PLAIN sends it), JSON-escaped, and a short one cut', () => {
    const outcome = (detail: string) => withoutSecrets({ kind: 'retryable', statusCode: 535, detail, retryAfterMs: null }, ['s3cr"et\\pw12', '\u0000ada\u0000s3cr"et\\pw12']);
    const plain = Buffer.from('\u0000ada\u0000s3cr"et\\pw12').toString('base64');
    expect(outcome(`535 AUTH PLAIN ${plain} refused`).detail).toMatch(/^535 AUTH PLAIN \[secret\]=* refused$/);
    expect(outcome(`echo {"pass":${JSON.stringify('s3cr"et\\pw12')}}`).detail).toBe('echo {"pass":"[secret]"}');
    expect(outcome('535 bad password s3cr"et\\pw (truncated)').detail).toBe('535 bad password [secret] (truncated)');
    expect(echoedForms('xoxb-1')).toEqual(['xoxb-1', 'eG94Yi0x']);
  });

  it('leaves an outcome without a detail as it is', () => {
    const delivered = { kind: 'delivered' as const, statusCode: 200, detail: null };
    expect(withoutSecrets(delivered, ['hunter2'])).toBe(delivered);
  });
});
