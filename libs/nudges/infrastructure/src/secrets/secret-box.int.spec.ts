/**
 * The secret box against real crypto and a real key file: every seal differs, what it seals opens
 * only under its own key and only unaltered, a secret's fingerprint is a digest under a derived key,
 * and the key file is made once, private, and shared by processes that race to make it (in worker
 * threads, as the api and the worker of `npm start` do).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeOf, raceToMakeKeyFiles } from '@stepwise/test-support';
import { openSecretBox } from './open-secret-box';
import { SecretBox, secretsKeyId } from './secret-box';
import { loadOrCreateSecretsKeyFile } from './secrets-key.file';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The sealed value with one character of part `index` changed (still base64url). */
const altered = (sealed: string, index: number): string => {
  const parts = sealed.split('.');
  const part = parts[index];
  parts[index] = `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`;
  return parts.join('.');
};

describe('SecretBox', () => {
  const box = new SecretBox({ current: randomBytes(32) });

  it('opens what it sealed, and the sealed form holds nothing of the plaintext', async () => {
    const sealed = await box.seal(SECRET);
    expect(sealed).toMatch(/^sb1\.[0-9a-f]{12}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(sealed).not.toContain(SECRET.slice(6));
    expect(await box.unseal(sealed)).toBe(SECRET);
  });

  it('seals the same secret differently every time (a fresh IV each seal)', async () => {
    const sealed = await Promise.all(Array.from({ length: 20 }, () => box.seal(SECRET)));
    expect(new Set(sealed).size).toBe(20);
    expect(new Set(sealed.map((value) => value.split('.')[2])).size).toBe(20);
    for (const value of sealed) expect(await box.unseal(value)).toBe(SECRET);
  });

  it.each([
    ['ciphertext', 3],
    ['IV', 2],
    ['tag', 4],
  ])('refuses a value with an altered %s: SECRET_UNSEAL_FAILED', async (_part, index) => {
    expect(await codeOf(box.unseal(altered(await box.seal(SECRET), index)))).toBe('SECRET_UNSEAL_FAILED');
  });

  it('refuses a value whose version was altered, or that is no sealed value: SECRET_UNSEAL_FAILED', async () => {
    const sealed = await box.seal(SECRET);
    expect(await codeOf(box.unseal(sealed.replace(/^sb1/, 'sb2')))).toBe('SECRET_UNSEAL_FAILED');
    expect(await codeOf(box.unseal(SECRET))).toBe('SECRET_UNSEAL_FAILED');
    expect(await codeOf(box.unseal(sealed.split('.').slice(0, 4).join('.')))).toBe('SECRET_UNSEAL_FAILED');
  });

  it('refuses a value sealed under another key: SECRET_KEY_UNKNOWN', async () => {
    const other = new SecretBox({ current: randomBytes(32) });
    expect(await codeOf(other.unseal(await box.seal(SECRET)))).toBe('SECRET_KEY_UNKNOWN');
  });

  it('refuses a value whose key id was swapped for the opener’s own: the key id is authenticated', async () => {
    const mine = randomBytes(32);
    const other = new SecretBox({ current: mine });
    const sealed = (await box.seal(SECRET)).split('.');
    sealed[1] = secretsKeyId(mine);
    expect(await codeOf(other.unseal(sealed.join('.')))).toBe('SECRET_UNSEAL_FAILED');
  });

  it('opens values sealed under a previous key, and seals under the current one', async () => {
    const oldKey = randomBytes(32);
    const sealedBefore = await new SecretBox({ current: oldKey }).seal(SECRET);
    const rotated = new SecretBox({ current: randomBytes(32), previous: [oldKey] });
    expect(await rotated.unseal(sealedBefore)).toBe(SECRET);
    expect((await rotated.seal(SECRET)).split('.')[1]).toBe(rotated.keyId);
  });

  it('fingerprints a secret the same way each time under its key, as a keyed digest: not the secret, not its plain hash, not the key', async () => {
    const key = randomBytes(32);
    const fingerprint = await box.fingerprintOf(SECRET);
    expect(await box.fingerprintOf(SECRET)).toBe(fingerprint);
    expect(await new SecretBox({ current: key }).fingerprintOf(SECRET)).toBe(await new SecretBox({ current: Buffer.from(key) }).fingerprintOf(SECRET));
    expect(await box.fingerprintOf(`${SECRET}x`)).not.toBe(fingerprint);
    expect(await new SecretBox({ current: key }).fingerprintOf(SECRET)).not.toBe(fingerprint);
    expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fingerprint).not.toContain(SECRET.slice('whsec_'.length, 20));
    for (const encoding of ['base64url', 'hex', 'base64'] as const) expect(fingerprint).not.toBe(createHash('sha256').update(SECRET).digest(encoding));
    expect(await new SecretBox({ current: key }).fingerprintOf(SECRET)).not.toBe(createHmac('sha256', key).update(SECRET).digest('base64url'));
  });
});

describe('the secrets key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-secrets-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is made once in its file, readable by its owner only, and the same for processes racing to make it', async () => {
    const file = join(dir, 'nested', 'secrets-key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSecretsKeyFile(file)));
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    expect(keys[0]).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const box = await openSecretBox({ kind: 'file', file });
    const again = await openSecretBox({ kind: 'file', file });
    expect(await again.unseal(await box.seal(SECRET))).toBe(SECRET);
  });

  it('is one key when processes race to make it: none reads the file half-written', async () => {
    // The api and the worker of `npm start` (or two scripts) start at once on a new data folder.
    const loader = { modulePath: join(__dirname, 'secrets-key.file.ts'), exportName: 'loadOrCreateSecretsKeyFile', describe: (key: Buffer) => key.toString('hex') };
    expect(await raceToMakeKeyFiles(dir, loader)).toEqual({ errors: [], keysPerFile: Array(100).fill(1), leftovers: [] });
  });

  it('comes from configuration as base64, and opens what a box with the same key sealed', async () => {
    const key = randomBytes(32);
    const fromConfig = await openSecretBox({ kind: 'key', key: key.toString('base64') });
    expect(await fromConfig.unseal(await new SecretBox({ current: key }).seal(SECRET))).toBe(SECRET);
  });

  it('refuses a malformed key, saying where it came from and what is expected', async () => {
    await expect(openSecretBox({ kind: 'key', key: randomBytes(16).toString('base64') })).rejects.toThrow(/STEPWISE_SECRETS_KEY .*base64 of 32 random bytes/);
    const file = join(dir, 'secrets-key');
    await writeFile(file, 'not a key');
    await expect(openSecretBox({ kind: 'file', file })).rejects.toMatchObject({
      code: 'KEY_FILE_UNUSABLE',
      message: `STEPWISE_SECRETS_KEY_FILE (${file}) cannot be used: it does not hold a secrets key: expected the base64 of 32 random bytes (make one with: openssl rand -base64 32)`,
    });
    expect(await readFile(file, 'utf8')).toBe('not a key');
  });
});
