/**
 * The verifier against a remote JWKS: a local HTTP server stands in for the identity provider and
 * counts what it is asked. Time moves by `Date.now`, which is all the key set's clock reads.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { AuthConfig } from '../config/api.config';
import { TokenVerifier } from './token-verifier';

type Answer = 'keys' | 'error' | 'silence' | 'huge' | 'huge-declared';

describe('TokenVerifier with a remote JWKS', () => {
  let server: Server;
  let url: string;
  let answer: Answer;
  let published: JWK[];
  let fetches: number;
  let failures: unknown[];
  let clock: jest.SpyInstance<number, []>;
  let now: number;

  const keyPair = async (kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
  };

  const token = (key: { privateKey: CryptoKey; jwk: JWK }, kid = key.jwk.kid!, subject = 'idp|grace') =>
    new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid }).setSubject(subject).setIssuer('https://idp.example.test/').setAudience('stepwise').setExpirationTime('1h').sign(key.privateKey);

  const verifierFor = (): Promise<TokenVerifier> => {
    const config: AuthConfig = { issuer: 'https://idp.example.test/', audience: 'stepwise', algorithms: ['ES256'], keys: { kind: 'jwks', url } };
    return TokenVerifier.fromConfig(config, (error) => failures.push(error));
  };

  const later = (ms: number): void => {
    now += ms;
  };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches += 1;
      if (answer === 'silence') return;
      if (answer === 'error') {
        response.statusCode = 502;
        response.end('upstream trouble');
        return;
      }
      response.setHeader('content-type', 'application/json');
      const body = JSON.stringify({ keys: published });
      if (answer === 'keys') {
        response.end(body);
        return;
      }
      // The keys, then 2 MiB of filler keys: sent in chunks with no length, or with its length declared.
      const filler = `,${JSON.stringify({ kty: 'oct', kid: 'filler', k: 'x'.repeat(1_000) })}`.repeat(2 * 1024);
      const padded = `${body.slice(0, -2)}${filler}]}`;
      if (answer === 'huge-declared') response.setHeader('content-length', Buffer.byteLength(padded));
      response.write(padded.slice(0, 1000));
      response.end(padded.slice(1000));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    answer = 'keys';
    published = [];
    fetches = 0;
    failures = [];
    now = Date.now();
    clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
  });

  afterEach(() => clock.mockRestore());

  it('a flood of unknown key ids asks the identity provider once per cooldown, not once per token', async () => {
    const known = await keyPair('known');
    published = [known.jwk];
    const verifier = await verifierFor();
    await expect(verifier.verify(await token(known))).resolves.toMatchObject({ subject: 'idp|grace' });
    later(31_000);
    const unknown = await Promise.allSettled(Array.from({ length: 20 }, async (_, i) => verifier.verify(await token(known, `made-up-${i}`, `s${i}`))));
    expect(unknown.map((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: string }).code)).toEqual(Array(20).fill('UNAUTHENTICATED'));
    expect(fetches).toBe(2);
  });

  it('a key the identity provider starts using is accepted after one refetch', async () => {
    const first = await keyPair('first');
    const second = await keyPair('second');
    published = [first.jwk];
    const verifier = await verifierFor();
    await verifier.verify(await token(first));
    published = [first.jwk, second.jwk];
    later(31_000);
    await expect(verifier.verify(await token(second, 'second', 'idp|new-key'))).resolves.toMatchObject({ subject: 'idp|new-key' });
    expect(fetches).toBe(2);
  });

  it('when the identity provider fails after the keys were fetched, tokens signed by those keys are still accepted, and it is not asked again on every request', async () => {
    const known = await keyPair('known');
    published = [known.jwk];
    const verifier = await verifierFor();
    await verifier.verify(await token(known));
    answer = 'error';
    later(11 * 60_000);
    for (let i = 0; i < 10; i += 1) {
      await expect(verifier.verify(await token(known, 'known', `idp|user-${i}`))).resolves.toMatchObject({ subject: `idp|user-${i}` });
    }
    expect(fetches).toBeLessThanOrEqual(2);
  });

  it('with no keys to be had, the request is refused as AUTHENTICATION_UNAVAILABLE (the token may be fine), the provider is asked again only after a pause, and once it answers tokens are accepted', async () => {
    const known = await keyPair('known');
    published = [known.jwk];
    answer = 'error';
    const verifier = await verifierFor();
    for (let i = 0; i < 10; i += 1) {
      await expect(verifier.verify(await token(known, 'known', `idp|user-${i}`))).rejects.toMatchObject({
        code: 'AUTHENTICATION_UNAVAILABLE',
        message: expect.not.stringContaining('127.0.0.1'),
      });
    }
    expect(fetches).toBe(1);
    // The operator hears why, once per failed fetch.
    expect(failures.map((error) => (error as Error).message)).toEqual(['the JWKS answered 502']);
    answer = 'keys';
    later(10_000);
    await expect(verifier.verify(await token(known))).resolves.toMatchObject({ subject: 'idp|grace' });
    expect(fetches).toBe(2);
  });

  it.each<[string, Answer, RegExp]>([
    ['sent without its length', 'huge', /more than the 1048576 bytes/],
    ['its length declared', 'huge-declared', /bytes, more than the 1048576/],
  ])('a key set over 1 MiB (%s) is a failed fetch: refused unavailable with no keys yet, the known keys serving after', async (_label, huge, why) => {
    const known = await keyPair('known');
    published = [known.jwk];
    answer = huge;
    const verifier = await verifierFor();
    await expect(verifier.verify(await token(known))).rejects.toMatchObject({ code: 'AUTHENTICATION_UNAVAILABLE' });
    expect(failures.map((error) => (error as Error).message)).toEqual([expect.stringMatching(why)]);
    answer = 'keys';
    later(10_000);
    await expect(verifier.verify(await token(known))).resolves.toMatchObject({ subject: 'idp|grace' });
    // Grown past the limit at the next refresh: the keys already known go on serving.
    answer = huge;
    later(11 * 60_000);
    await expect(verifier.verify(await token(known, 'known', 'idp|after'))).resolves.toMatchObject({ subject: 'idp|after' });
    // That refresh runs behind the request: it fails on the size too.
    for (let waited = 0; failures.length < 2 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failures.map((error) => (error as Error).message)).toEqual([expect.stringMatching(why), expect.stringMatching(why)]);
  });

  it('an identity provider that does not answer fails the request within a few seconds, not when the client gives up', async () => {
    const known = await keyPair('known');
    published = [known.jwk];
    answer = 'silence';
    const verifier = await verifierFor();
    const started = performance.now();
    await expect(verifier.verify(await token(known))).rejects.toMatchObject({ code: 'AUTHENTICATION_UNAVAILABLE' });
    expect(performance.now() - started).toBeLessThan(4_500);
  });
  it('tells readiness whether keys are at hand: not while the provider is silent (without waiting out its fetch), once fetched, and through a later failure', async () => {
    const known = await keyPair('known');
    published = [known.jwk];
    answer = 'silence';
    const verifier = await verifierFor();
    await expect(verifier.keysAvailable()).resolves.toBe(false);
    // Answered while the provider still holds the fetch open: it has neither answered nor failed yet.
    expect([fetches, failures.length]).toEqual([1, 0]);
    for (let waited = 0; failures.length < 1 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures).toHaveLength(1);

    answer = 'keys';
    later(5_000);
    await expect(verifier.keysAvailable()).resolves.toBe(true);
    expect(fetches).toBe(2);

    answer = 'error';
    later(60_000);
    await expect(verifier.keysAvailable()).resolves.toBe(true);
    // Keys held: readiness asks the provider nothing.
    expect(fetches).toBe(2);
    await expect(verifier.verify(await token(known))).resolves.toMatchObject({ subject: 'idp|grace' });
  });
});
