import { isLoopbackHost, isNonPublicHost } from './non-public-host';

describe('a host no outbound request may reach, judged from the URL alone', () => {
  const hostOf = (url: string): string => new URL(url).hostname;

  it.each([
    ['loopback', 'https://127.0.0.1/x'],
    ['loopback written in hex and as one number', 'https://0x7f.1/x'],
    ['loopback as a 32-bit number', 'https://2130706433/x'],
    ['private', 'https://10.1.2.3/x'],
    ['private 192.168/16', 'https://192.168.0.10:8443/x'],
    ['link-local: the cloud metadata address', 'https://169.254.169.254/latest/meta-data'],
    ['carrier-grade NAT', 'https://100.64.0.1/x'],
    // As the connection-time filter's ranges have it (the same ipaddr.js): reserved, refused there too.
    ['the benchmarking range 198.18/15', 'https://198.18.0.1/x'],
    ['the 6to4 relay anycast 192.88.99/24', 'https://192.88.99.1/x'],
    ['unspecified', 'https://0.0.0.0/x'],
    ['IPv6 loopback', 'https://[::1]/x'],
    ['IPv6 unique-local', 'https://[fd00::1]/x'],
    ['IPv6 link-local', 'https://[fe80::1]/x'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/x'],
    ['IPv4-compatible loopback (::/96)', 'https://[::127.0.0.1]/x'],
    ['localhost', 'https://localhost/x'],
    ['localhost in capitals, fully qualified', 'https://LOCALHOST./x'],
    ['a name under localhost', 'https://api.localhost/x'],
  ])('refuses %s', (_label, url) => {
    expect(isNonPublicHost(hostOf(url))).toBe(true);
  });

  it.each([
    ['a public IPv4 address', 'https://203.0.114.7/x'],
    ['a public IPv6 address', 'https://[2606:4700:4700::1111]/x'],
    ['a name', 'https://hooks.example.com/x'],
    ['a name that merely contains localhost', 'https://localhost.example.com/x'],
    ['a name ending in localhost without a dot before it', 'https://mylocalhost/x'],
  ])('leaves %s to the connection-time filter', (_label, url) => {
    expect(isNonPublicHost(hostOf(url))).toBe(false);
  });

  it('takes an SMTP host written without brackets', () => {
    expect(isNonPublicHost('::1')).toBe(true);
    expect(isNonPublicHost('10.0.0.25')).toBe(true);
    expect(isNonPublicHost('smtp.example.com')).toBe(false);
  });
});

describe('a host that is this machine', () => {
  it.each(['127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:127.0.0.1]', 'localhost', 'LOCALHOST.', 'api.localhost'])('%s is', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['10.0.0.5', '[fd00::1]', '[::ffff:10.0.0.5]', '169.254.169.254', 'localhost.example.com', 'stepwise.example.com'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
