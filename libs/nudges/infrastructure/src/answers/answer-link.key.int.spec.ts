/** Key files on the filesystem, made by racing worker threads: an integration test, with its budget for a busy machine. */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { raceToMakeKeyFiles } from '@stepwise/test-support';
import { loadOrCreateAnswerLinkKey, openAnswerLinkKey } from './answer-link.key';

describe('the answer link key', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'answer-link-key-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is made on first use, readable by its owner only, and the same on every later use', async () => {
    const file = join(dir, 'keys', 'link-signing-key');
    const made = await loadOrCreateAnswerLinkKey(file);
    expect(made.length).toBe(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateAnswerLinkKey(file)).toEqual(made);
    expect(await openAnswerLinkKey({ kind: 'file', file })).toEqual(made);
    expect(await readdir(join(dir, 'keys'))).toEqual(['link-signing-key']);
  });

  it('is one key when processes race to make it: none reads the file half-written', async () => {
    // The api and the worker of `npm start` start at once on a new folder.
    const loader = { modulePath: join(__dirname, 'answer-link.key.ts'), exportName: 'loadOrCreateAnswerLinkKey', describe: (key: Buffer) => key.toString('hex') };
    expect(await raceToMakeKeyFiles(dir, loader)).toEqual({ errors: [], keysPerFile: Array(100).fill(1), leftovers: [] });
  });

  it('is refused from a file that does not hold one, naming the file', async () => {
    const file = join(dir, 'link-signing-key');
    await writeFile(file, 'short\n');
    await expect(loadOrCreateAnswerLinkKey(file)).rejects.toThrow(`${file} does not hold an answer link key`);
  });

  it('comes from configuration as base64 when given', async () => {
    const key = Buffer.alloc(48, 3);
    expect(await openAnswerLinkKey({ kind: 'inline', base64: key.toString('base64') })).toEqual(key);
  });
});
