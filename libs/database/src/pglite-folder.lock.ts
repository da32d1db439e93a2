/**
 * One process per PGlite data folder. PGlite is PostgreSQL in one process with no postmaster to
 * notice a second one: two processes writing one folder corrupt it. The lock is a file beside the
 * folder (`<folder>.lock`, PGlite wants the folder itself to hold only its own files) that names
 * the holder's pid. A lock whose process is gone (killed, crashed) is taken over.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { CodedError } from '@stepwise/kernel';

export class DataFolderLockedError extends CodedError {
  constructor(
    readonly folder: string,
    readonly holderPid: number,
  ) {
    super(
      'DATA_FOLDER_LOCKED',
      `The PGlite data folder ${folder} is in use by process ${holderPid}. Stop that process, or give this one another STEPWISE_DATA_DIR (or a PostgreSQL STEPWISE_DATABASE_URL to run several processes).`,
      { folder, pid: holderPid },
    );
  }
}

export interface FolderLock {
  release(): Promise<void>;
}

/** Folders this process holds: a lock naming our own pid is only ours if it is in here (a restarted container reuses pids). */
const heldHere = new Set<string>();

const lockPathOf = (folder: string): string => `${folder}.lock`;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const holderOf = async (lockPath: string): Promise<number | undefined> => {
  const text = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

const releaseOnExit = (folder: string, lockPath: string): (() => void) => {
  const onExit = (): void => {
    try {
      if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.once('exit', onExit);
  return () => {
    process.removeListener('exit', onExit);
    heldHere.delete(folder);
  };
};

/** Takes the folder's lock, or throws DataFolderLockedError naming the live holder's pid. */
export const lockDataFolder = async (folder: string): Promise<FolderLock> => {
  const lockPath = lockPathOf(folder);
  if (heldHere.has(folder)) throw new DataFolderLockedError(folder, process.pid);
  try {
    const handle = await open(lockPath, 'wx');
    await handle.writeFile(`${process.pid}\n`);
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = await holderOf(lockPath);
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataFolderLockedError(folder, holder);
    // Stale (its process is gone, or it is our own pid from before a restart): replace it atomically,
    // then check we are the one that stayed, should two processes take over at the same moment.
    const claim = `${lockPath}.${process.pid}`;
    await writeFile(claim, `${process.pid}\n`);
    await rename(claim, lockPath);
    const now = await holderOf(lockPath);
    if (now !== process.pid) throw new DataFolderLockedError(folder, now ?? holder ?? 0);
  }
  heldHere.add(folder);
  const forget = releaseOnExit(folder, lockPath);
  return {
    release: async () => {
      forget();
      if ((await holderOf(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
    },
  };
};
