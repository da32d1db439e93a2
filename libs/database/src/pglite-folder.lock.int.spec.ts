/** The folder lock on its own (two real processes: tests/e2e/pglite-folder-lock.e2e.spec.ts). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderLockedError, lockDataFolder } from './pglite-folder.lock';

describe('lockDataFolder', () => {
  let dir: string;
  let folder: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stepwise-lock-'));
    folder = join(dir, 'data');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the folder until released, and refuses a second holder meanwhile, even in the same process', async () => {
    const lock = await lockDataFolder(folder);
    expect(readFileSync(`${folder}.lock`, 'utf8').trim()).toBe(String(process.pid));
    const refusal = await lockDataFolder(folder).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataFolderLockedError);
    expect(refusal).toMatchObject({ code: 'DATA_FOLDER_LOCKED', details: { folder, pid: process.pid } });
    await lock.release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
    await (await lockDataFolder(folder)).release();
  });

  it('lets one of two opens at the same moment in one process hold the folder, and refuses the other', async () => {
    const outcomes = await Promise.allSettled([lockDataFolder(folder), lockDataFolder(folder)]);
    const held = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(held).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'DATA_FOLDER_LOCKED', details: { folder, pid: process.pid } });
    await held[0].release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
  });

  it('takes over a lock whose process is gone, or that names no process', async () => {
    // A pid that certainly ran and certainly ended: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${folder}.lock`, `${gone}\n`);
    const lock = await lockDataFolder(folder);
    expect(readFileSync(`${folder}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await lock.release();

    writeFileSync(`${folder}.lock`, 'not a pid');
    await (await lockDataFolder(folder)).release();
  });

  it('takes over a lock naming its own pid that it does not hold (a restarted container reuses pids)', async () => {
    writeFileSync(`${folder}.lock`, `${process.pid}\n`);
    const lock = await lockDataFolder(folder);
    await expect(lockDataFolder(folder)).rejects.toMatchObject({ code: 'DATA_FOLDER_LOCKED' });
    await lock.release();
  });

  it('refuses when a live process holds it', async () => {
    // This test's parent (jest's own process, or the shell) is alive for as long as we run.
    writeFileSync(`${folder}.lock`, `${process.ppid}\n`);
    await expect(lockDataFolder(folder)).rejects.toMatchObject({ code: 'DATA_FOLDER_LOCKED', details: { pid: process.ppid } });
    expect(readFileSync(`${folder}.lock`, 'utf8').trim()).toBe(String(process.ppid));
  });
});
