import { readFile } from 'node:fs/promises';
import { loadKeyFile, writeNewKeyFile } from '@stepwise/kernel';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * The signing key of development and tests: an ES256 key pair kept in a file (mode 0600) under the
 * working directory, made on first use. `npm run token` signs with it; the api verifies with it.
 */
export interface LocalSigningKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isJwkPair = (value: unknown): value is LocalSigningKey =>
  typeof value === 'object' && value !== null && 'privateJwk' in value && 'publicJwk' in value;

/**
 * The key pair in `file`, made there when there is none. A file that cannot be read or made, or
 * holds no key pair, is refused with KEY_FILE_UNUSABLE naming the setting.
 */
export const loadOrCreateLocalSigningKey = (file: string): Promise<LocalSigningKey> => loadKeyFile('STEPWISE_AUTH_LOCAL_KEY_FILE', file, readOrMakeLocalSigningKey);

const readOrMakeLocalSigningKey = async (file: string): Promise<LocalSigningKey> => {
  try {
    const text = await readFile(file, 'utf8');
    const stored = parseJson(text);
    // The file's own text is never repeated: it may hold part of a key.
    if (!isJwkPair(stored)) throw new Error('it does not hold a signing key pair');
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
  return (await writeNewKeyFile(file, JSON.stringify(pair, null, 2))) ? pair : readOrMakeLocalSigningKey(file);
};

