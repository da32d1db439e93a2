import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT, UnsecuredJWT } from 'jose';
import type { AuthConfig } from '../config/api.config';
import { loadOrCreateLocalSigningKey } from './local-signing-key';
import { issueLocalToken } from './local-token-issuer';
import { TokenVerifier } from './token-verifier';

describe('TokenVerifier with the local signing key', () => {
  let dir: string;
  let config: AuthConfig;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-auth-'));
    config = { issuer: 'stepwise-local', audience: 'stepwise', algorithms: ['ES256'], keys: { kind: 'local', file: join(dir, 'key.json') } };
    verifier = await TokenVerifier.fromConfig(config);
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const signedBy = async (build: (jwt: SignJWT) => SignJWT, claims: Record<string, unknown> = {}): Promise<string> => {
    const { privateJwk } = await loadOrCreateLocalSigningKey(config.keys.kind === 'local' ? config.keys.file : '');
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid });
    return build(jwt).sign(await importJWK(privateJwk, 'ES256'));
  };
  const signed = (build: (jwt: SignJWT) => SignJWT): Promise<string> => signedBy(build);
  /** Claims as given, of any type: SignJWT's setters would refuse a subject that is not a string. */
  const signedClaims = (claims: Record<string, unknown>): Promise<string> => signedBy((jwt) => jwt, claims);

  it('accepts a token minted by the local issuer and reads its subject and profile', async () => {
    const token = await issueLocalToken(config, { subject: 'ada', name: 'Ada', email: 'ada@example.com' });
    await expect(verifier.verify(token)).resolves.toEqual({ subject: 'ada', name: 'Ada', email: 'ada@example.com' });
  });

  it.each([
    ['an expired token', (jwt: SignJWT) => jwt.setSubject('a').setIssuer('stepwise-local').setAudience('stepwise').setExpirationTime(Math.floor(Date.now() / 1000) - 60), /expired/],
    ['another audience', (jwt: SignJWT) => jwt.setSubject('a').setIssuer('stepwise-local').setAudience('elsewhere').setExpirationTime('1h'), /aud/],
    ['another issuer', (jwt: SignJWT) => jwt.setSubject('a').setIssuer('mallory').setAudience('stepwise').setExpirationTime('1h'), /iss/],
    ['a token not valid yet', (jwt: SignJWT) => jwt.setSubject('a').setIssuer('stepwise-local').setAudience('stepwise').setNotBefore('10m').setExpirationTime('1h'), /nbf/],
    ['a token without expiry', (jwt: SignJWT) => jwt.setSubject('a').setIssuer('stepwise-local').setAudience('stepwise'), /exp/],
    ['a token without subject', (jwt: SignJWT) => jwt.setIssuer('stepwise-local').setAudience('stepwise').setExpirationTime('1h'), /sub/],
  ])('rejects %s as UNAUTHENTICATED', async (_label, build, reason) => {
    const token = await signed(build);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(reason) });
  });

  it.each([
    ['a number', 12345],
    ['an array', ['ada']],
    ['an object', { length: 3 }],
    ['true', true],
  ])('rejects a subject that is %s, not a string, as UNAUTHENTICATED', async (_label, sub) => {
    const token = await signedClaims({ sub, iss: 'stepwise-local', aud: 'stepwise', exp: Math.floor(Date.now() / 1000) + 3600 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/subject/) });
  });

  it.each([
    ['a NUL character', 'ada\u0000'],
    ['a lone leading surrogate', 'ada-\uD800'],
    ['a lone trailing surrogate', '\uDC00ada'],
  ])('rejects a subject holding %s (no member can have it) as UNAUTHENTICATED', async (_label, sub) => {
    const token = await signedClaims({ sub, iss: 'stepwise-local', aud: 'stepwise', exp: Math.floor(Date.now() / 1000) + 3600 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/subject/) });
  });

  it('leaves out a name or email it could not store, and cuts a long name between characters', async () => {
    const claims = { sub: 'ada', iss: 'stepwise-local', aud: 'stepwise', exp: Math.floor(Date.now() / 1000) + 3600 };
    await expect(verifier.verify(await signedClaims({ ...claims, name: 'Ada\u0000', email: 'ada@example.com\uD800' }))).resolves.toEqual({ subject: 'ada' });
    // 199 units, then an emoji across units 200 and 201: cut by units, the name would end in a lone surrogate.
    const identity = await verifier.verify(await signedClaims({ ...claims, sub: 'grace', name: `${'x'.repeat(199)}🚀🚀` }));
    expect(identity.name).toBe(`${'x'.repeat(199)}🚀`);
  });

  it('accepts a subject with a surrogate pair (an emoji is well-formed text)', async () => {
    const token = await signedClaims({ sub: 'ada-\u{1F680}', iss: 'stepwise-local', aud: 'stepwise', exp: Math.floor(Date.now() / 1000) + 3600 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'ada-\u{1F680}' });
  });

  it('rejects an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT({}).setSubject('a').setIssuer('stepwise-local').setAudience('stepwise').setExpirationTime('1h').encode();
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects a token signed by another key', async () => {
    const other = { ...config, keys: { kind: 'local' as const, file: join(dir, 'other.json') } };
    const token = await issueLocalToken(other, { subject: 'mallory' });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects garbage', async () => {
    await expect(verifier.verify('not.a.jwt')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
