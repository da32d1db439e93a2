/**
 * The outbound client against real local receivers: what it sends, how it follows redirects, what
 * it keeps of a response, and when it gives up.
 */
import { exemptTestReceiver, receiversClosedAfterEach, staticLookup } from '../testing';
import { OutboundRequestFailed, OutboundRequestRefused } from './outbound-http.errors';
import { postJson } from './post-json';

const receiver = receiversClosedAfterEach();

const local = { allowPrivateAddresses: true } as const;

describe('postJson', () => {
  it('sends the JSON exactly as given, with its content type and the caller headers', async () => {
    const target = await receiver(() => ({ status: 202, headers: { 'x-answer': 'yes' }, body: 'accepted' }));
    const json = '{"b":1,"a":"é"}';

    const response = await postJson(`${target.url}/hooks?x=1`, json, { 'X-Custom': 'value' }, local);

    expect(response).toMatchObject({ status: 202, bodyExcerpt: 'accepted', bodyTruncated: false, redirects: 0 });
    expect(response.headers['x-answer']).toBe('yes');
    expect(target.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/hooks?x=1',
        body: json,
        headers: expect.objectContaining({ 'content-type': 'application/json', 'x-custom': 'value', 'user-agent': 'Stepwise/1' }),
      }),
    ]);
  });

  it('answers with an error status rather than throwing: a 500 is the receiver speaking', async () => {
    const target = await receiver(() => ({ status: 500, body: 'boom' }));
    await expect(postJson(target.url, '{}', {}, local)).resolves.toMatchObject({ status: 500, bodyExcerpt: 'boom' });
  });

  it('keeps only the start of a long body', async () => {
    const target = await receiver(() => ({ status: 200, body: 'x'.repeat(100_000) }));
    const response = await postJson(target.url, '{}', {}, { ...local, maxBodyExcerptBytes: 64 });
    expect(response.bodyExcerpt).toBe('x'.repeat(64));
    expect(response.bodyTruncated).toBe(true);
  });

  it('repeats the POST with its body on 307 and 308', async () => {
    const target = await receiver((request) =>
      request.path === '/first' ? { status: 307, headers: { location: '/second' } } : request.path === '/second' ? { status: 308, headers: { location: '/third' } } : { status: 200 },
    );
    const response = await postJson(`${target.url}/first`, '{"n":1}', {}, local);
    expect(response).toMatchObject({ status: 200, redirects: 2, url: `${target.url}/third` });
    expect(target.requests.map((request) => [request.method, request.path, request.body])).toEqual([
      ['POST', '/first', '{"n":1}'],
      ['POST', '/second', '{"n":1}'],
      ['POST', '/third', '{"n":1}'],
    ]);
  });

  it.each([301, 302, 303])('continues a %i as a GET without a body, as fetch does', async (status) => {
    const target = await receiver((request) => (request.path === '/moved' ? { status, headers: { location: '/elsewhere' } } : { status: 200 }));
    await postJson(`${target.url}/moved`, '{"n":1}', {}, local);
    expect(target.requests[1]).toMatchObject({ method: 'GET', path: '/elsewhere', body: '' });
    expect(target.requests[1].headers['content-type']).toBeUndefined();
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const other = await receiver(() => ({ status: 200 }));
    const first = await receiver(() => ({ status: 307, headers: { location: `${other.url}/next` } }));
    await postJson(first.url, '{}', { authorization: 'Bearer t', 'webhook-id': 'msg_1' }, local);
    expect(first.requests[0].headers.authorization).toBe('Bearer t');
    expect(other.requests[0].headers.authorization).toBeUndefined();
    expect(other.requests[0].headers['webhook-id']).toBe('msg_1');
  });

  it('returns a redirect without a location as the answer', async () => {
    const target = await receiver(() => ({ status: 302 }));
    await expect(postJson(target.url, '{}', {}, local)).resolves.toMatchObject({ status: 302, redirects: 0 });
  });

  it('times out a receiver that never answers, as a failure worth retrying', async () => {
    const target = await receiver(() => 'hang');
    const failure = await postJson(target.url, '{}', {}, { ...local, timeoutMs: 300 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundRequestFailed);
    expect(failure).toMatchObject({ code: 'TIMEOUT' });
    expect(target.requests).toHaveLength(1);
  });

  it('answers with the status and what came of the body when the body stalls past the timeout', async () => {
    const target = await receiver(() => ({ status: 200, body: 'partial', unfinished: true }));
    // Long enough for the status line to arrive on a busy machine; the body never ends.
    const response = await postJson(target.url, '{}', {}, { ...local, timeoutMs: 2_000 });
    expect(response).toMatchObject({ status: 200, bodyExcerpt: 'partial', bodyTruncated: true });
  });

  it('reports a refused connection as a failure worth retrying', async () => {
    const closed = await receiver();
    const url = closed.url;
    await closed.close();
    const failure = await postJson(url, '{}', {}, local).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundRequestFailed);
    expect(failure).toMatchObject({ code: 'CONNECTION_FAILED', details: expect.objectContaining({ cause: 'ECONNREFUSED' }) });
  });

  it('reports a name that does not exist as a refusal, and a passing DNS fault as a failure', async () => {
    const lookup = staticLookup({});
    await expect(postJson('http://gone.example.test/', '{}', {}, { lookup })).rejects.toMatchObject({ code: 'UNRESOLVABLE_HOST' });
    const flaky: typeof lookup = (_hostname, _options, callback) =>
      callback(Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' }), '', 0);
    await expect(postJson('http://flaky.example.test/', '{}', {}, { lookup: flaky })).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
  });

  it('reaches a name that resolves to a local receiver only when private addresses are allowed', async () => {
    const target = await receiver(() => ({ status: 200 }));
    const lookup = staticLookup({ 'hooks.example.test': '127.0.0.1' });
    const url = `http://hooks.example.test:${target.address.port}/`;
    await expect(postJson(url, '{}', {}, { lookup })).rejects.toBeInstanceOf(OutboundRequestRefused);
    await expect(postJson(url, '{}', {}, { lookup, allowPrivateAddresses: true })).resolves.toMatchObject({ status: 200 });
    expect(target.requests).toHaveLength(1);
  });

  it('still refuses the unspecified address when private addresses are allowed', async () => {
    await expect(postJson('http://0.0.0.0:9/', '{}', {}, local)).rejects.toMatchObject({ code: 'PRIVATE_ADDRESS' });
  });

  it('reaches an exempt test receiver with private addresses otherwise refused', async () => {
    const target = await receiver(() => ({ status: 204 }));
    await expect(postJson(target.url, '{}', {}, { exemptTestReceivers: [exemptTestReceiver(target.address)] })).resolves.toMatchObject({
      status: 204,
    });
  });
});
