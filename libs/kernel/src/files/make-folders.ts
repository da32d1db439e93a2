import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Makes `folder` and the folders above it that are missing, as `mkdir -p` does, and fails (with the
 * system's error) where one cannot be made. Node's own `mkdir(…, { recursive: true })` never returns
 * where the system answers "no such file" for a folder whose parent is there (under /proc, for one):
 * a setting naming such a path would hang the process at boot instead of being refused.
 */
export const makeFolders = async (folder: string): Promise<void> => {
  const missing: string[] = [];
  for (let current = resolve(folder); ; current = dirname(current)) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (found) {
      if (!found.isDirectory()) throw Object.assign(new Error(`${current} is a file, not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing.reverse()) {
    // Another process making the same folder at the same time is no failure.
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
};
