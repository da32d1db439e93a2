import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The signing key of development and tests: an ES256 key pair kept in a file (mode 0600) under the
 * working directory, made on first use. `npm run token` signs with it; the api verifies with it.
 */
export interface LocalSigningKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const isJwkPair = (value: unknown): value is LocalSigningKey =>
  typeof value === 'object' && value !== null && 'privateJwk' in value && 'publicJwk' in value;

export const loadOrCreateLocalSigningKey = async (file: string): Promise<LocalSigningKey> => {
  try {
    const stored: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!isJwkPair(stored)) throw new Error(`${file} does not hold a signing key pair`);
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const pair: LocalSigningKey = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' },
  };
  await mkdir(dirname(file), { recursive: true });
  // `wx`: if two processes race to create the key, the second fails and re-reads the first's.
  try {
    await writeFile(file, JSON.stringify(pair, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateLocalSigningKey(file);
    throw error;
  }
  return pair;
};
