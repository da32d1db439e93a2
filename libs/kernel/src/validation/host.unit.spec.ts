import { hasReachableHost, isHost } from './host';

describe('isHost', () => {
  it.each(['smtp.example.com', 'localhost', 'mail-1.example.co.uk', 'example.com.', '203.0.113.7', '[2001:db8::1]', '2001:db8::1', '::1', 'xn--bcher-kva.de'])(
    'takes %s',
    (host) => expect(isHost(host)).toBe(true),
  );

  it.each(['', '[', ']', ':', '...', '-', 'a..b', '.a', '[::1', '1.2.3.4.5', '999.999.999.999', '2130706433', '0x7f.1', 'xn--', 'xn--a.com', '-a-.b', `${'a'.repeat(64)}.com`, 'exa mple.com', '[1.2.3.4]'])(
    'refuses %j',
    (host) => expect(isHost(host)).toBe(false),
  );

  it('a URL on port 0 or on a host no name can have is not reachable', () => {
    expect(hasReachableHost(new URL('https://example.com/hook'))).toBe(true);
    expect(hasReachableHost(new URL('https://example.com:0/hook'))).toBe(false);
    expect(hasReachableHost(new URL('https://a..b/hook'))).toBe(false);
  });
});
