/** Key files on the filesystem, made by racing worker threads: an integration test, with its budget for a busy machine. */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
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
    const loader = { modulePath: join(__dirname, 'secrets-key.file.ts'), exportName: 'loadOrCreateSecretsKeyFile', describe: (key: Buffer) => key.toString('hex') };
    expect(await raceToMakeKeyFiles(dir, loader)).toEqual({ errors: [], keysPerFile: Array(100).fill(1), leftovers: [] });
  });

  it('is refused from a file that does not hold one, naming the setting and the file', async () => {
    const file = join(dir, 'secrets-key');
    await writeFile(file, 'short\n');
    await expect(loadOrCreateSecretsKeyFile(file)).rejects.toMatchObject({ code: 'KEY_FILE_UNUSABLE', message: expect.stringContaining(`STEPWISE_SECRETS_KEY_FILE (${file})`) });
  });
});
