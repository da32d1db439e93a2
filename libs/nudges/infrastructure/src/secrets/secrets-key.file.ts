/**
 * The secrets key of the embedded default, development and tests: 32 random bytes kept base64 in a
 * file (mode 0600) beside the data folder, made on first use, the way the local signing key is.
 * A deployment of several processes sets STEPWISE_SECRETS_KEY instead, the same in every process.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadKeyFile, writeNewKeyFile } from '@stepwise/kernel';
import { SECRETS_KEY_BYTES } from './secret-box';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The key in a base64 string, or an error saying where it came from and what is expected. */
export const parseSecretsKey = (base64: string, source: string): Buffer => {
  const text = base64.trim();
  const key = BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (!key || key.length !== SECRETS_KEY_BYTES) {
    throw new Error(`${source} does not hold a secrets key: expected the base64 of ${SECRETS_KEY_BYTES} random bytes (make one with: openssl rand -base64 ${SECRETS_KEY_BYTES})`);
  }
  return key;
};

/**
 * The key in `file`, made there when there is none. A file that cannot be read or made, or holds no
 * key, is refused with KEY_FILE_UNUSABLE naming the setting, so the process says what to fix.
 */
export const loadOrCreateSecretsKeyFile = (file: string): Promise<Buffer> => loadKeyFile('STEPWISE_SECRETS_KEY_FILE', file, readOrMakeSecretsKeyFile);

const readOrMakeSecretsKeyFile = async (file: string): Promise<Buffer> => {
  try {
    return parseSecretsKey(await readFile(file, 'utf8'), 'it');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(SECRETS_KEY_BYTES);
  return (await writeNewKeyFile(file, `${key.toString('base64')}\n`)) ? key : readOrMakeSecretsKeyFile(file);
};
