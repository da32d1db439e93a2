/**
 * The key answer links are signed with: from configuration (`STEPWISE_LINK_SIGNING_KEY`, base64, at
 * least 32 bytes, the same for every api and worker process), or else a key made on first use and
 * kept in a file (mode 0600), as the embedded default keeps its token signing key.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadKeyFile, writeNewKeyFile } from '@stepwise/kernel';

export const ANSWER_LINK_KEY_MIN_BYTES = 32;

export type AnswerLinkKeySource = { readonly kind: 'inline'; readonly base64: string } | { readonly kind: 'file'; readonly file: string };

/** The key a base64 (or base64url) text holds; refuses one shorter than 32 bytes. */
export const answerLinkKeyFromBase64 = (text: string): Buffer => {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new RangeError('An answer link key must be base64');
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length < ANSWER_LINK_KEY_MIN_BYTES) throw new RangeError(`An answer link key needs at least ${ANSWER_LINK_KEY_MIN_BYTES} bytes`);
  return key;
};

/**
 * The key in `file`, made there when there is none. A file that cannot be read or made, or holds no
 * key, is refused with KEY_FILE_UNUSABLE naming the setting, so the process says what to fix.
 */
export const loadOrCreateAnswerLinkKey = (file: string): Promise<Buffer> => loadKeyFile('STEPWISE_LINK_SIGNING_KEY_FILE', file, readOrMakeAnswerLinkKey);

const readOrMakeAnswerLinkKey = async (file: string): Promise<Buffer> => {
  let stored: string | undefined;
  try {
    stored = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (stored !== undefined) {
    try {
      return answerLinkKeyFromBase64(stored);
    } catch (error) {
      throw new Error(`${file} does not hold an answer link key: ${(error as Error).message}`);
    }
  }
  const key = randomBytes(ANSWER_LINK_KEY_MIN_BYTES);
  return (await writeNewKeyFile(file, `${key.toString('base64')}\n`)) ? key : readOrMakeAnswerLinkKey(file);
};

export const openAnswerLinkKey = (source: AnswerLinkKeySource): Promise<Buffer> =>
  source.kind === 'inline' ? Promise.resolve(answerLinkKeyFromBase64(source.base64)) : loadOrCreateAnswerLinkKey(source.file);
