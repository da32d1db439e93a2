/**
 * One process per PGlite data folder. PGlite is PostgreSQL in one process with no postmaster to
 * notice a second one: two processes writing one folder corrupt it. The lock is a file beside the
 * folder (`<folder>.lock`, PGlite wants the folder itself to hold only its own files) that names
 * the holder's pid. A lock whose process is gone (killed, crashed) is taken over.
 *
 * The lock appears whole: the pid is written to a file of the process's own and hard-linked into
 * place, which fails if a lock exists. Created empty and written after, a lock was read empty by a
 * second process starting at the same moment, taken for stale and replaced, and both opened the
 * folder. A stale lock is moved aside before it is replaced, and dropped only if what was moved is
 * the stale lock that was read (a live one another process put there meanwhile is put back), so two
 * processes taking over one stale lock at once end with one holder. (Three or more at the very same
 * moment can still each find the lock missing while one of them has it aside.)
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { CodedError, NO_HARD_LINKS } from '@stepwise/kernel';

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

const pidIn = (text: string | undefined): number | undefined => {
  const pid = Number.parseInt((text ?? '').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

/** The lock's text, or undefined when there is no lock. */
const lockText = (lockPath: string): Promise<string | undefined> => readFile(lockPath, 'utf8').catch(() => undefined);

const holderOf = async (lockPath: string): Promise<number | undefined> => pidIn(await lockText(lockPath));

/** How often a lock that keeps changing under us (others taking over at the same moment) is looked at again. */
const TAKE_OVER_ATTEMPTS = 5;

/**
 * Removes a stale lock whose text was `stale`: moved aside first, then dropped if it is that lock;
 * a lock put there meanwhile by another process (another text) is put back.
 */
const removeStale = async (lockPath: string, stale: string): Promise<void> => {
  const aside = `${lockPath}.stale.${process.pid}`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    // Already gone: another process moved it aside first.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if ((await lockText(aside)) !== stale) await link(aside, lockPath).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
};

/** Fails with EEXIST when a lock exists. */
const placeLock = async (mine: string, lockPath: string): Promise<void> => {
  try {
    await link(mine, lockPath);
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    // Without hard links: created exclusively and written in one call (the window is shorter, not closed).
    await writeFile(lockPath, await readFile(mine, 'utf8'), { flag: 'wx' });
  }
};

/** Links a lock naming this process into place, taking over a stale one; throws DataFolderLockedError for a live holder. */
const takeLock = async (folder: string, lockPath: string): Promise<void> => {
  const mine = `${lockPath}.${process.pid}`;
  await writeFile(mine, `${process.pid}\n`);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await placeLock(mine, lockPath);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await lockText(lockPath);
      const holder = pidIn(text);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) throw new DataFolderLockedError(folder, holder);
      if (attempt >= TAKE_OVER_ATTEMPTS) throw new DataFolderLockedError(folder, holder ?? 0);
      // Stale (its process is gone, it names none, or it is our own pid from before a restart), or gone already.
      if (text !== undefined) await removeStale(lockPath, text);
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
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
  // Counted as held from here, before the first await: a second open in this process while this one
  // takes the lock is refused (it found our pid in the lock, took it for a lock from before a
  // restart, and both opens held the folder).
  heldHere.add(folder);
  try {
    await takeLock(folder, lockPath);
  } catch (error) {
    heldHere.delete(folder);
    throw error;
  }
  const forget = releaseOnExit(folder, lockPath);
  return {
    release: async () => {
      forget();
      if ((await holderOf(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
    },
  };
};
