import { stat } from 'node:fs/promises';
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
