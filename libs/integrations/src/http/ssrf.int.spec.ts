/**
 * Hostile addresses, one row each: every one is refused with its reason, and the server the
 * loopback rows aim at never sees a connection. A new trick is covered by adding a row.
 */
import {
  exemptTestReceiver,
  installLoopbackOnlyNetwork,
  startTestReceiver,
  staticLookup,
  type LoopbackOnlyNetwork,
  type TestReceiver,
} from '../testing';
import type { LookupFunction } from 'node:net';
import { OutboundConnections } from './outbound-connections';
import { OutboundRequestRefused, type OutboundRefusalReason } from './outbound-http.errors';
import type { OutboundHttpOptions } from './outbound-http.options';
import { postJson } from './post-json';

/** `{T}` is the port of the target nobody may reach; `{R}` the port of the exempt test receiver that redirects. */
type Row = readonly [url: string, reason: OutboundRefusalReason];

const direct: Row[] = [
  // Private IPv4 ranges.
  ['http://10.0.0.1/', 'PRIVATE_ADDRESS'],
  ['http://10.255.255.254:8080/hooks', 'PRIVATE_ADDRESS'],
  ['http://172.16.0.1/', 'PRIVATE_ADDRESS'],
  ['http://172.31.255.254/', 'PRIVATE_ADDRESS'],
  ['http://192.168.0.1/', 'PRIVATE_ADDRESS'],
  ['https://192.168.1.10/', 'PRIVATE_ADDRESS'],
  // Loopback, spelled every way the URL parser accepts.
  ['http://127.0.0.1:{T}/', 'PRIVATE_ADDRESS'],
  ['http://127.1.2.3:{T}/', 'PRIVATE_ADDRESS'],
  ['http://2130706433:{T}/', 'PRIVATE_ADDRESS'],
  ['http://0177.0.0.1:{T}/', 'PRIVATE_ADDRESS'],
  ['http://0x7f000001:{T}/', 'PRIVATE_ADDRESS'],
  ['http://0x7f.0.0.1:{T}/', 'PRIVATE_ADDRESS'],
  ['http://127.1:{T}/', 'PRIVATE_ADDRESS'],
  ['http://127.0.1:{T}/', 'PRIVATE_ADDRESS'],
  ['https://127.0.0.1:{T}/', 'PRIVATE_ADDRESS'],
  // Unspecified ("this host").
  ['http://0.0.0.0:{T}/', 'PRIVATE_ADDRESS'],
  ['http://0:{T}/', 'PRIVATE_ADDRESS'],
  // Link-local and cloud metadata endpoints.
  ['http://169.254.169.254/latest/meta-data/', 'PRIVATE_ADDRESS'],
  ['http://169.254.0.1/', 'PRIVATE_ADDRESS'],
  ['http://100.100.100.200/latest/meta-data/', 'PRIVATE_ADDRESS'],
  ['http://192.0.0.192/opc/v2/instance/', 'PRIVATE_ADDRESS'],
  ['http://[fd00:ec2::254]/latest/meta-data/', 'PRIVATE_ADDRESS'],
  // Carrier-grade NAT, multicast, broadcast, reserved.
  ['http://100.64.0.1/', 'PRIVATE_ADDRESS'],
  ['http://100.127.255.254/', 'PRIVATE_ADDRESS'],
  ['http://224.0.0.1/', 'PRIVATE_ADDRESS'],
  ['http://255.255.255.255/', 'PRIVATE_ADDRESS'],
  ['http://240.0.0.1/', 'PRIVATE_ADDRESS'],
  // IPv6: loopback, unspecified, unique-local, link-local.
  ['http://[::1]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[::]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[fc00::1]/', 'PRIVATE_ADDRESS'],
  ['http://[fe80::1]/', 'PRIVATE_ADDRESS'],
  // IPv4 inside IPv6: mapped, compatible, NAT64, 6to4.
  ['http://[::ffff:127.0.0.1]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[::ffff:7f00:1]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[0:0:0:0:0:ffff:127.0.0.1]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'PRIVATE_ADDRESS'],
  ['http://[::ffff:10.0.0.1]/', 'PRIVATE_ADDRESS'],
  ['http://[::127.0.0.1]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[64:ff9b::7f00:1]/', 'PRIVATE_ADDRESS'],
  ['http://[2002:7f00:1::]/', 'PRIVATE_ADDRESS'],
  // Names that resolve to forbidden addresses (the table lookup below; `localhost` through the system resolver).
  ['http://localhost:{T}/', 'PRIVATE_ADDRESS'],
  ['http://LOCALHOST:{T}/', 'PRIVATE_ADDRESS'],
  ['http://loopback.example.test:{T}/', 'PRIVATE_ADDRESS'],
  ['http://v6-loopback.example.test:{T}/', 'PRIVATE_ADDRESS'],
  ['http://mapped.example.test:{T}/', 'PRIVATE_ADDRESS'],
  ['http://internal.example.test/', 'PRIVATE_ADDRESS'],
  ['http://metadata.example.test/latest/meta-data/', 'PRIVATE_ADDRESS'],
  ['http://compatible.example.test:{T}/', 'PRIVATE_ADDRESS'],
  ['http://public-and-private.example.test:{T}/', 'PRIVATE_ADDRESS'],
  ['https://loopback.example.test:{T}/', 'PRIVATE_ADDRESS'],
  // The exemption is one IP literal and port: neither a name for it nor another spelling of it is exempt.
  ['http://loopback.example.test:{R}/ok', 'PRIVATE_ADDRESS'],
  ['http://[::ffff:127.0.0.1]:{R}/ok', 'PRIVATE_ADDRESS'],
  ['http://127.0.0.2:{R}/ok', 'PRIVATE_ADDRESS'],
  // Not http.
  ['file:///etc/passwd', 'UNSUPPORTED_SCHEME'],
  ['gopher://127.0.0.1:{T}/_SET%20key%20value', 'UNSUPPORTED_SCHEME'],
  ['ftp://127.0.0.1:{T}/', 'UNSUPPORTED_SCHEME'],
  ['data:text/plain,hello', 'UNSUPPORTED_SCHEME'],
  ['javascript:alert(1)', 'UNSUPPORTED_SCHEME'],
  ['dict://127.0.0.1:11211/stat', 'UNSUPPORTED_SCHEME'],
  ['ws://127.0.0.1:{T}/', 'UNSUPPORTED_SCHEME'],
  // Credentials, garbage, names that do not exist.
  ['http://user:secret@hooks.example.test/', 'CREDENTIALS_IN_URL'],
  ['http://admin@127.0.0.1:{T}/', 'CREDENTIALS_IN_URL'],
  ['not a url', 'INVALID_URL'],
  ['http://', 'INVALID_URL'],
  ['http://does-not-exist.example.test/', 'UNRESOLVABLE_HOST'],
];

/** Where a redirect from the exempt receiver may not lead; each is tried with every redirect status. */
const redirectDestinations: Row[] = [
  ['http://127.0.0.1:{T}/', 'PRIVATE_ADDRESS'],
  ['http://[::ffff:127.0.0.1]:{T}/', 'PRIVATE_ADDRESS'],
  ['http://2130706433:{T}/', 'PRIVATE_ADDRESS'],
  ['http://localhost:{T}/', 'PRIVATE_ADDRESS'],
  ['http://loopback.example.test:{T}/', 'PRIVATE_ADDRESS'],
  ['http://169.254.169.254/latest/meta-data/', 'PRIVATE_ADDRESS'],
  ['http://10.0.0.1/', 'PRIVATE_ADDRESS'],
  ['file:///etc/passwd', 'UNSUPPORTED_SCHEME'],
  ['gopher://127.0.0.1:{T}/', 'UNSUPPORTED_SCHEME'],
];
const redirectStatuses = [301, 302, 307, 308];

const names: Record<string, string | string[]> = {
  'loopback.example.test': '127.0.0.1',
  'v6-loopback.example.test': '::1',
  'mapped.example.test': '::ffff:127.0.0.1',
  'internal.example.test': '10.1.2.3',
  'metadata.example.test': '169.254.169.254',
  'compatible.example.test': '::7f00:1',
  // One public and one private answer: any forbidden answer refuses the name.
  'public-and-private.example.test': ['93.184.215.14', '127.0.0.1'],
  'hooks.example.test': '93.184.215.14',
};
const tableLookup = staticLookup(names);
/** `localhost` goes through the machine's own resolver, as it would in production. */
const lookupFor = (url: string): LookupFunction | undefined => (/\/\/localhost[:/]/i.test(url) ? undefined : tableLookup);

let guard: LoopbackOnlyNetwork;
let target: TestReceiver;
let redirector: TestReceiver;

beforeAll(async () => {
  guard = installLoopbackOnlyNetwork();
  // Its keep-alive outlasts the specs: at Node's default of 5 s, a busy machine let the socket the
  // keep-alive table holds open close before the table ended (seen once under a load average of 13).
  target = await startTestReceiver(() => ({ status: 200, body: 'reached' }), '127.0.0.1', 300_000);
  redirector = await startTestReceiver((request) => {
    const query = new URL(request.path, 'http://receiver').searchParams;
    if (query.has('to')) return { status: Number(query.get('status')), headers: { location: query.get('to')! } };
    return { status: 204 };
  });
});

afterAll(async () => {
  guard.uninstall();
  await Promise.all([target.close(), redirector.close()]);
});

const fill = (url: string): string =>
  url.replaceAll('{T}', String(target.address.port)).replaceAll('{R}', String(redirector.address.port));

const options = (url: string): OutboundHttpOptions => ({
  timeoutMs: 10_000,
  lookup: lookupFor(url),
  exemptTestReceivers: [exemptTestReceiver(redirector.address)],
});

const expectRefused = async (url: string, reason: OutboundRefusalReason, opts: OutboundHttpOptions): Promise<void> => {
  const reachedBefore = target.connections;
  const askedBefore = target.requests.length;
  const outcome = await postJson(url, '{"probe":true}', {}, opts).then(
    (response) => ({ answered: response.status }),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(OutboundRequestRefused);
  expect(outcome).toMatchObject({ code: reason });
  expect(target.connections).toBe(reachedBefore);
  // A kept-alive socket would reach it without a new connection: no request arrived either.
  expect(target.requests.length).toBe(askedBefore);
};

const redirects = redirectStatuses.flatMap((status) => redirectDestinations.map(([to, reason]) => [status, to, reason] as const));

/** The whole table, each row sent with the options `optionsFor` gives its URL. */
const refusesEveryRow = (optionsFor: (url: string) => OutboundHttpOptions): void => {
  it.each(direct)('refuses %s (%s)', async (url, reason) => {
    await expectRefused(fill(url), reason, optionsFor(url));
  });

  it.each(redirects)('refuses a %i redirect to %s (%s)', async (status, to, reason) => {
    const asked = redirector.requests.length;
    const url = `${redirector.url}/redirect?status=${status}&to=${encodeURIComponent(fill(to))}`;
    await expectRefused(url, reason, optionsFor(to));
    // The first hop was real: the exempt receiver answered it, and the refusal came on the next.
    expect(redirector.requests.length).toBe(asked + 1);
  });
};

describe('outbound HTTP refuses hostile addresses', () => {
  it('has a table of at least 40 hostile addresses', () => {
    expect(direct.length + redirectDestinations.length * redirectStatuses.length).toBeGreaterThanOrEqual(40);
  });

  refusesEveryRow((url) => options(url));

  it('refuses a redirect chain longer than the limit', async () => {
    let url = `${redirector.url}/ok`;
    for (let hop = 0; hop < 4; hop += 1) url = `${redirector.url}/redirect?status=307&to=${encodeURIComponent(url)}`;
    await expectRefused(url, 'TOO_MANY_REDIRECTS', { ...options(url), maxRedirects: 3 });
  });

  it('stopped nothing at the network guard: every refusal came from the filter before a connection', () => {
    expect(guard.stopped).toEqual([]);
  });
});

describe('outbound HTTP refuses hostile addresses with keep-alive connections open to them', () => {
  // One pool for the whole table, holding an open socket to the forbidden target (made while private
  // addresses were allowed) and to the exempt receiver: no row may ride on either.
  let connections: OutboundConnections;
  let redirectorConnections: number;
  const pooled = (url: string): OutboundHttpOptions => ({ ...options(url), connections });

  beforeAll(async () => {
    connections = new OutboundConnections({ idleTimeoutMs: 300_000 });
    redirectorConnections = redirector.connections;
    await postJson(`${target.url}/`, '{}', {}, { allowPrivateAddresses: true, connections });
    await postJson(`${redirector.url}/ok`, '{}', {}, pooled(redirector.url));
    expect(target.openConnections).toBe(1);
  });

  afterAll(() => connections.close());

  refusesEveryRow((url) => pooled(url));

  it('reused the exempt receiver’s sockets for the first hops, and the target’s socket is still open, unused', () => {
    // One socket per name resolution the rows use (the table's, and the system's for localhost).
    expect(redirector.connections - redirectorConnections).toBeLessThanOrEqual(2);
    expect(target.openConnections).toBe(1);
    expect(target.requests).toHaveLength(1);
    expect(guard.stopped).toEqual([]);
  });
});

describe('the controls that make the table meaningful', () => {
  it('reaches the exempt receiver, and follows its redirects to itself', async () => {
    const response = await postJson(
      `${redirector.url}/redirect?status=308&to=${encodeURIComponent(`${redirector.url}/ok`)}`,
      '{}',
      {},
      options(redirector.url),
    );
    expect(response).toMatchObject({ status: 204, redirects: 1 });
  });

  it('reaches the target when private addresses are allowed, so its connection count would show a leak', async () => {
    const before = target.connections;
    const response = await postJson(`${target.url}/`, '{}', {}, { allowPrivateAddresses: true });
    expect(response.status).toBe(200);
    expect(target.connections).toBe(before + 1);
  });

  it('refuses an exemption for anything but a loopback literal', () => {
    expect(() => exemptTestReceiver({ address: '10.0.0.1', family: 'IPv4', port: 80 })).toThrow(/loopback/);
    expect(() => exemptTestReceiver({ address: 'localhost', family: 'IPv4', port: 80 })).toThrow(/loopback/);
  });
});
