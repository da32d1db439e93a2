import { randomBytes } from 'node:crypto';
import { link, mkdtemp, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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

/**
 * Why a folder could not be made (or used) where the settings put it, or null: it, or its nearest
 * folder that is there, is no folder, or nothing can be made in it (read-only, no right to write, a
 * system folder such as /proc). Asked before a process opens its database, so a boot that could
 * never make its data folder or keys makes nothing else either; the check makes a folder of its own
 * there and takes it away again.
 */
export const folderCannotBeMadeBecause = async (target: string): Promise<string | null> => {
  let folder = resolve(target);
  for (;;) {
    try {
      if (!(await stat(folder)).isDirectory()) return `${folder} is not a folder`;
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return (error as Error).message;
      if (dirname(folder) === folder) return 'none of its folders is there';
      folder = dirname(folder);
    }
  }
  try {
    await rmdir(await mkdtemp(join(folder, '.stepwise-check-')));
    return null;
  } catch (error) {
    return `nothing can be made in ${folder}: ${(error as Error).message}`;
  }
};

/**
 * A key file the settings name, checked before the process opens its database: one that is there
 * is loaded (`load` refuses what holds no key), one that is not must be one this process can make
 * where it is first used; either failure is KEY_FILE_UNUSABLE naming the setting.
 */
export const checkKeyFile = async (setting: string, file: string, load: () => Promise<unknown>): Promise<void> => {
  if (await keyFileIsThere(file)) {
    await load();
    return;
  }
  const problem = await folderCannotBeMadeBecause(dirname(file));
  if (problem) throw new CodedError('KEY_FILE_UNUSABLE', `${setting} (${file}) cannot be made: ${problem}`);
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

