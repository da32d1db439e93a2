/** Key files on the filesystem, made by racing worker threads: an integration test, with its budget for a busy machine. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { raceToMakeKeyFiles } from '@stepwise/test-support';
import { loadOrCreateLocalSigningKey, type LocalSigningKey } from './local-signing-key';

describe('the local signing key file', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-signing-key-'));
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is made on first use, readable by its owner only, and the same pair on every later use', async () => {
    const file = join(dir, 'keys', 'local-signing-key.json');
    const made = await loadOrCreateLocalSigningKey(file);
    expect(made.publicJwk).toMatchObject({ alg: 'ES256', kid: made.privateJwk.kid });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateLocalSigningKey(file)).toEqual(made);
  });

  it('is one key pair when processes race to make it: none reads the file half-written', async () => {
    // The api and the worker of `npm start` (or `npm run token` beside them) start at once on a new folder.
    const loader = { modulePath: join(__dirname, 'local-signing-key.ts'), exportName: 'loadOrCreateLocalSigningKey', describe: (pair: LocalSigningKey) => String(pair.privateJwk.kid) };
    expect(await raceToMakeKeyFiles(dir, loader)).toEqual({ errors: [], keysPerFile: Array(100).fill(1), leftovers: [] });
  });
});
