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
    expect(echoedForms('xoxb-1')).toContain('eG94Yi0x');
  });

  it('takes a secret out of the base64 of a longer value holding it, at any byte offset: a whole Authorization value, a whole URL, a password after a byte', () => {
    const token = 'xoxb-PROBEBOTTOKEN-1234567890abcdef';
    const url = 'https://prod-00.westeurope.logic.azure.com:443/workflows/PROBETEAMSWORKFLOWID/triggers/manual/paths/invoke?api-version=1&sig=PROBETEAMSSIGNATURE0123456789abcdefXYZ';
    const secrets = [token, ...urlSecrets(url), 'PROBEDEFAULTSMTPPASS99'];
    const echoes = [
      `Bearer ${token}`,
      `Authorization: Bearer ${token}`,
      url,
      `http://vm:3391${new URL(url).pathname}${new URL(url).search}`,
      'xPROBEDEFAULTSMTPPASS99',
      'xyPROBEDEFAULTSMTPPASS99',
    ];
    for (const echoed of echoes) {
      for (const encoding of ['base64', 'base64url'] as const) {
        const encoded = Buffer.from(echoed, 'utf8').toString(encoding);
        const scrubbed = withoutSecrets({ kind: 'permanent', statusCode: 400, detail: `answered 400: {"echo":"${encoded}"}`, disableAddress: false }, secrets).detail ?? '';
        expect({ echoed, encoding, scrubbed: scrubbed.includes('[secret]') }).toEqual({ echoed, encoding, scrubbed: true });
        // What is left of the echo is no more than the base64 of what was not secret, and the two groups the secret shares with it.
        const secretLength = Math.max(...secrets.filter((secret) => echoed.includes(secret)).map((secret) => secret.length));
        const left = scrubbed.replace(/^answered 400: \{"echo":"|"\}$/g, '').replace('[secret]', '').replace(/=+$/, '');
        expect(left.length).toBeLessThanOrEqual(Math.ceil(((echoed.length - secretLength) * 4) / 3) + 8);
      }
    }
  });

  it('leaves an outcome without a detail as it is', () => {
    const delivered = { kind: 'delivered' as const, statusCode: 200, detail: null };
    expect(withoutSecrets(delivered, ['hunter2'])).toBe(delivered);
  });
});
