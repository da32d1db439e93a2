import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeFolders } from './make-folders';

describe('making folders', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'make-folders-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('makes the missing folders down to the one asked for, and takes one that is there', async () => {
    const deep = join(root, 'a', 'b', 'c');
    await makeFolders(deep);
    expect((await stat(deep)).isDirectory()).toBe(true);
    await expect(makeFolders(deep)).resolves.toBeUndefined();
    await expect(makeFolders(root)).resolves.toBeUndefined();
  });

  it('takes the same folders made by several callers at once', async () => {
    await Promise.all([1, 2, 3, 4].map(() => makeFolders(join(root, 'x', 'y'))));
    expect((await stat(join(root, 'x', 'y'))).isDirectory()).toBe(true);
  });

  it('refuses a path through a file, or ending at one', async () => {
    await writeFile(join(root, 'file'), 'not a folder');
    await expect(makeFolders(join(root, 'file', 'inside'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeFolders(join(root, 'file'))).rejects.toMatchObject({ code: 'ENOTDIR', message: `${join(root, 'file')} is a file, not a folder` });
  });

  // Node's recursive mkdir loops for ever on this path (the system answers ENOENT with /proc there); only Linux has /proc.
  (existsSync('/proc/self') ? it : it.skip)('refuses a folder the system cannot make under /proc, rather than hanging', async () => {
    await expect(makeFolders('/proc/no-such-thing/keys')).rejects.toMatchObject({ code: 'ENOENT' });
  }, 2_000);
});
