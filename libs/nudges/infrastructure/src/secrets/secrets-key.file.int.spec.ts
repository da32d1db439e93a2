/** Key files on the filesystem, made by racing worker threads: an integration test, with its budget for a busy machine. */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { raceToMakeKeyFiles } from '@stepwise/test-support';
import { loadOrCreateSecretsKeyFile } from './secrets-key.file';

describe('the secrets key file of the embedded default', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-key-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is made on first use, readable by its owner only, and the same on every later use', async () => {
    const file = join(dir, 'data', 'secrets-key');
    const made = await loadOrCreateSecretsKeyFile(file);
    expect(made.length).toBe(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecretsKeyFile(file)).toEqual(made);
  });

  it('is one key when processes race to make it: none reads the file half-written', async () => {
    // The api and the worker of `npm start` (or two scripts) start at once on a new data folder.
    const files = Array.from({ length: 100 }, (_, round) => join(dir, `secrets-key-${round}`));
    const threads = await raceToMakeKeyFiles(join(__dirname, 'secrets-key.file.ts'), 'loadOrCreateSecretsKeyFile', (key: Buffer) => key.toString('hex'), files);
    files.forEach((_, at) => {
      const answers = threads.map((answers) => answers[at]);
      expect(answers.filter((answer) => 'error' in answer)).toEqual([]);
      expect(new Set(answers.map((answer) => ('key' in answer ? answer.key : '')))).toEqual(new Set([expect.stringMatching(/^[0-9a-f]{64}$/)]));
    });
    expect((await readdir(dir)).filter((name) => !/^secrets-key-\d+$/.test(name))).toEqual([]);
  });

  it('is refused from a file that does not hold one, naming the setting and the file', async () => {
    const file = join(dir, 'secrets-key');
    await writeFile(file, 'short\n');
    await expect(loadOrCreateSecretsKeyFile(file)).rejects.toMatchObject({ code: 'KEY_FILE_UNUSABLE', message: expect.stringContaining(`STEPWISE_SECRETS_KEY_FILE (${file})`) });
  });
});
