import { randomBytes } from 'node:crypto';
import { link, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeFolders } from '../files/make-folders';
import { CodedError } from './coded-error';

/**
 * A key read from a file the settings name, or made there when there is none: a file that cannot be
 * read or made, or holds no key, is refused with KEY_FILE_UNUSABLE naming the setting, so the
 * process says what to fix. (`load`'s messages never repeat the file's text: it may hold part of a key.)
 */
export const loadKeyFile = async <T>(setting: string, file: string, load: (file: string) => Promise<T>): Promise<T> => {
  try {
    return await load(file);
  } catch (error) {
    throw new CodedError('KEY_FILE_UNUSABLE', `${setting} (${file}) cannot be used: ${(error as Error).message}`);
  }
};

/**
 * Whether a key file is there to be checked: false only where there is nothing yet (the file, or a
 * folder on its way, is missing), where it will be made on first use; anything else at that path,
 * unreadable included, is there, and its loader says what is wrong with it.
 */
export const keyFileIsThere = async (file: string): Promise<boolean> => {
  try {
    await stat(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
};

/** Filesystems without hard links (some network and container mounts) answer these to link(). */
export const NO_HARD_LINKS: ReadonlySet<string> = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Makes `file` (mode 0600, its folder too) holding `text`, unless it is there already: written whole
 * under a name of its own, then linked into place, so processes racing to make the same key (the
 * api and the worker starting on a new data folder) each either link first or find the complete
 * file, never a half-written one. False when another's file was there first: read that one.
 */
export const writeNewKeyFile = async (file: string, text: string): Promise<boolean> => {
  await makeFolders(dirname(file));
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, text, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
    // A filesystem without hard links: created exclusively and written in one call (the window is shorter, not closed).
    return writeFile(file, text, { mode: 0o600, flag: 'wx' }).then(
      () => true,
      (failure: NodeJS.ErrnoException) => (failure.code === 'EEXIST' ? false : Promise.reject(failure)),
    );
  } finally {
    await unlink(draft);
  }
};

