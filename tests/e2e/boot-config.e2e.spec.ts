/** A process with unknown, malformed or unusable settings does not start, and says which setting is wrong. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSilentServer, type SilentServer } from '../support/silent-server';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { childProcesses, compiledEntry } from './support/spawned-process';

const root = join(__dirname, '..', '..');

/** Processes booted and not seen to exit yet. */
const booted = childProcesses();

const boot = (entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [compiledEntry(entry)], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    booted.track(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stderr }));
  });

// A process expected to refuse its settings that boots instead, or refuses slower than the test's
// budget, would otherwise go on serving after the test gave up on it, outliving the test run.
afterEach(() => booted.killAll());

describe('boot with bad configuration', () => {
  it.each([
    ['apps/api/src/main.ts', { STEPWISE_PROT: '3000' }, 'STEPWISE_PROT: unknown setting'],
    ['apps/api/src/main.ts', { STEPWISE_PORT: 'http' }, 'STEPWISE_PORT: expected a whole number from 0 to 65535'],
    ['apps/worker/src/main.ts', { STEPWISE_DATABASE_URL: 'mysql://localhost/x' }, 'STEPWISE_DATABASE_URL: expected a URL starting with postgres:// or postgresql://'],
    ['apps/stepwise/src/main.ts', { STEPWISE_ENV: 'production' }, 'STEPWISE_AUTH_JWKS_URL: required in production'],
    ['apps/worker/src/main.ts', { STEPWISE_PUBLIC_URL: 'stepwise.example.com' }, 'STEPWISE_PUBLIC_URL: expected a URL starting with https:// or http://'],
    // A value of spaces alone, or with spaces at its ends, names no folder, file or secret anyone meant.
    ['apps/stepwise/src/main.ts', { STEPWISE_DATA_DIR: ' ' }, 'STEPWISE_DATA_DIR: expected a value, not only spaces'],
    ['apps/api/src/main.ts', { STEPWISE_SLACK_SIGNING_SECRET: 'a-secret\n' }, 'STEPWISE_SLACK_SIGNING_SECRET: expected a value without spaces, tabs or line breaks at either end'],
    ['apps/worker/src/main.ts', { STEPWISE_SECRETS_KEY_FILE: ' ' }, 'STEPWISE_SECRETS_KEY_FILE: expected a value, not only spaces'],
    // Every link a nudge carries starts with the public URL: a query, a fragment or credentials would ride along.
    ['apps/worker/src/main.ts', { STEPWISE_PUBLIC_URL: 'https://stepwise.example.com/?tenant=a' }, 'STEPWISE_PUBLIC_URL: expected the address people reach the api at, without a query (?…)'],
    ['apps/api/src/main.ts', { STEPWISE_PUBLIC_URL: 'https://user:pw@stepwise.example.com/#top' }, 'STEPWISE_PUBLIC_URL: expected the address people reach the api at, without a user or password, a fragment (#…)'],
  ])('%s with %j exits 1 naming the setting', async (entry, env, message) => {
    const { code, stderr } = await boot(entry, env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^CONFIGURATION_INVALID: Stepwise cannot start, its configuration is invalid:\n/);
    expect(stderr).toContain(message);
  });
});

/**
 * Refusals that are only right together: two key settings naming one file, the api or the worker on
 * its own on the embedded database, a new data folder told not to migrate. Each exits 1 before
 * anything is made: no data folder, no key file.
 */
describe('boot with settings that cannot go together', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-boot-together-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const made = (name: string): string[] => (existsSync(join(dir, name)) ? readdirSync(join(dir, name)) : []);

  it.each([
    ['STEPWISE_AUTH_LOCAL_KEY_FILE', 'STEPWISE_SECRETS_KEY_FILE'],
    ['STEPWISE_SECRETS_KEY_FILE', 'STEPWISE_LINK_SIGNING_KEY_FILE'],
    ['STEPWISE_AUTH_LOCAL_KEY_FILE', 'STEPWISE_LINK_SIGNING_KEY_FILE'],
  ])('apps/stepwise/src/main.ts refuses %s and %s naming one file', async (one, other) => {
    const name = `${one}-${other}`;
    const shared = join(dir, name, 'keys', 'key');
    const { code, stderr } = await boot('apps/stepwise/src/main.ts', { STEPWISE_DATA_DIR: join(dir, name, 'data'), STEPWISE_PORT: '0', [one]: shared, [other]: shared });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`(${one} and ${other}|${other} and ${one}): both name ${shared}; each key needs a file of its own`));
    expect(made(name)).toEqual([]);
  });

  it('apps/stepwise/src/main.ts refuses a key setting naming where another key file is by default', async () => {
    const { code, stderr } = await boot('apps/stepwise/src/main.ts', {
      STEPWISE_DATA_DIR: join(dir, 'defaulted', 'data'),
      STEPWISE_PORT: '0',
      STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'defaulted', 'secrets-key'),
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`STEPWISE_SECRETS_KEY_FILE and STEPWISE_AUTH_LOCAL_KEY_FILE: both name ${join(dir, 'defaulted', 'secrets-key')}`);
    expect(made('defaulted')).toEqual([]);
  });

  it.each(['api', 'worker'])('the %s on its own refuses the embedded database, saying to run npm start', async (role) => {
    const { code, stderr } = await boot(`apps/${role}/src/main.ts`, { STEPWISE_DATA_DIR: join(dir, role, 'data'), STEPWISE_PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain(`STEPWISE_DATABASE_URL: required to run the ${role} on its own (npm run start:${role})`);
    expect(stderr).toContain('run `npm start`');
    expect(made(role)).toEqual([]);
  });

  it('apps/stepwise/src/main.ts told not to migrate refuses a data folder that holds no database, and makes none', async () => {
    const data = join(dir, 'unmigrated', 'data');
    const { code, stderr } = await boot('apps/stepwise/src/main.ts', { STEPWISE_DATA_DIR: data, STEPWISE_PORT: '0', STEPWISE_MIGRATE_ON_BOOT: 'false' });
    expect(code).toBe(1);
    expect(stderr).toContain(`MIGRATIONS_PENDING: STEPWISE_MIGRATE_ON_BOOT is false and STEPWISE_DATA_DIR (${data}) holds no database yet`);
    expect(stderr).not.toContain('    at ');
    expect(existsSync(data)).toBe(false);
  });
});

/**
 * Settings that are well formed but name something this process cannot use: it exits 1 with the
 * refusal's code and the setting to fix, and no stack trace.
 */
describe('boot with settings naming what cannot be used', () => {
  let dir: string;
  let notAFolder: string;
  let notAKey: string;
  let taken: Server;
  let takenPort: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-boot-'));
    notAFolder = join(dir, 'a-file');
    notAKey = join(dir, 'not-a-key');
    await writeFile(notAFolder, 'a file, not a folder\n');
    await writeFile(notAKey, 'hunter2\n');
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  // Each embedded boot gets a data folder of its own, so a refusal is never the lock of another.
  const embedded = (name: string, env: Record<string, string>): Record<string, string> => ({ STEPWISE_DATA_DIR: join(dir, name, 'data'), STEPWISE_PORT: '0', ...env });

  it.each([
    ['apps/api/src/main.ts', 'DATABASE_UNREACHABLE: STEPWISE_DATABASE_URL (postgres://stepwise:***@127.0.0.1:1/stepwise)', () => ({ STEPWISE_DATABASE_URL: 'postgres://stepwise:not-shown@127.0.0.1:1/stepwise' })],
    // The driver takes a password from the query string too: hidden there as well.
    ['apps/api/src/main.ts', 'DATABASE_UNREACHABLE: STEPWISE_DATABASE_URL (postgres://127.0.0.1:1/stepwise?password=***)', () => ({ STEPWISE_DATABASE_URL: 'postgres://127.0.0.1:1/stepwise?password=not-shown' })],
    ['apps/stepwise/src/main.ts', 'DATA_FOLDER_UNUSABLE: STEPWISE_DATA_DIR', () => ({ STEPWISE_DATA_DIR: join(notAFolder, 'data') })],
    // Folders no one can make where the system answers ENOENT though the parent is there (Node's own recursive mkdir never returns there).
    ['apps/stepwise/src/main.ts', 'DATA_FOLDER_UNUSABLE: STEPWISE_DATA_DIR (/proc/no-such-folder/data)', () => ({ STEPWISE_DATA_DIR: '/proc/no-such-folder/data' })],
    ['apps/stepwise/src/main.ts', 'KEY_FILE_UNUSABLE: STEPWISE_AUTH_LOCAL_KEY_FILE (/proc/no-such-folder/key.json)', () => embedded('proc-key', { STEPWISE_AUTH_LOCAL_KEY_FILE: '/proc/no-such-folder/key.json' })],
    ['apps/stepwise/src/main.ts', 'LISTEN_FAILED: STEPWISE_HOST / STEPWISE_PORT', () => embedded('port', { STEPWISE_PORT: String(takenPort) })],
  ])('%s exits 1 with "%s"', async (entry, message, env) => {
    const { code, stderr } = await boot(entry, env());
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('not-shown');
    expect(stderr).not.toContain('    at ');
    expect(stderr).not.toContain('not-shown');
    expect(stderr).not.toContain('hunter2');
  });

  // Key files are checked before the database is opened: nothing is made or migrated for a boot
  // that was always going to be refused, and the refusal comes at once.
  it.each(['STEPWISE_SECRETS_KEY_FILE', 'STEPWISE_LINK_SIGNING_KEY_FILE', 'STEPWISE_AUTH_LOCAL_KEY_FILE'])(
    'apps/stepwise/src/main.ts refuses an unusable %s before it makes the data folder',
    async (setting) => {
      const data = join(dir, `before-${setting}`, 'data');
      const { code, stderr } = await boot('apps/stepwise/src/main.ts', { STEPWISE_DATA_DIR: data, STEPWISE_PORT: '0', [setting]: notAKey });
      expect(code).toBe(1);
      expect(stderr).toContain(`KEY_FILE_UNUSABLE: ${setting}`);
      expect(stderr).not.toContain('    at ');
      expect(stderr).not.toContain('hunter2');
      expect(existsSync(data)).toBe(false);
    },
  );

  // A key file not there yet that could never be made (a folder no one can make, as under /proc)
  // is refused as early: nothing is made, neither the data folder nor half of another key.
  it.each(['STEPWISE_SECRETS_KEY_FILE', 'STEPWISE_LINK_SIGNING_KEY_FILE', 'STEPWISE_AUTH_LOCAL_KEY_FILE'])(
    'apps/stepwise/src/main.ts refuses a %s that cannot be made before it makes anything',
    async (setting) => {
      const keys = join(dir, `unmakeable-${setting}`);
      const data = join(keys, 'data');
      const env = {
        STEPWISE_DATA_DIR: data,
        STEPWISE_PORT: '0',
        STEPWISE_SECRETS_KEY_FILE: join(keys, 'secrets-key'),
        STEPWISE_LINK_SIGNING_KEY_FILE: join(keys, 'link-key'),
        STEPWISE_AUTH_LOCAL_KEY_FILE: join(keys, 'auth-key.json'),
        [setting]: '/proc/no-such-folder/key',
      };
      const { code, stderr } = await boot('apps/stepwise/src/main.ts', env);
      expect(code).toBe(1);
      expect(stderr).toContain(`KEY_FILE_UNUSABLE: ${setting} (/proc/no-such-folder/key) cannot be made`);
      expect(stderr).not.toContain('    at ');
      expect(existsSync(keys) ? readdirSync(keys) : []).toEqual([]);
    },
  );

  // The address too: a port another process holds is refused before the embedded database is made
  // and migrated (seconds of work and a folder left behind), and before the api reaches for its
  // database (an unreachable one would otherwise be the refusal given).
  it('apps/stepwise/src/main.ts refuses a taken STEPWISE_PORT before it makes the data folder', async () => {
    const data = join(dir, 'before-port', 'data');
    const { code, stderr } = await boot('apps/stepwise/src/main.ts', { STEPWISE_DATA_DIR: data, STEPWISE_PORT: String(takenPort) });
    expect(code).toBe(1);
    expect(stderr).toContain('LISTEN_FAILED: STEPWISE_HOST / STEPWISE_PORT');
    expect(stderr).not.toContain('    at ');
    expect(existsSync(data)).toBe(false);
  });

  it('apps/api/src/main.ts refuses a taken STEPWISE_PORT before it opens its database', async () => {
    const { code, stderr } = await boot('apps/api/src/main.ts', { STEPWISE_PORT: String(takenPort), STEPWISE_DATABASE_URL: 'postgres://stepwise:not-shown@127.0.0.1:1/stepwise' });
    expect(code).toBe(1);
    expect(stderr).toContain('LISTEN_FAILED: STEPWISE_HOST / STEPWISE_PORT');
    expect(stderr).not.toContain('DATABASE_UNREACHABLE');
    expect(stderr).not.toContain('not-shown');
  });

  it.each([
    ['apps/api/src/main.ts', 'STEPWISE_AUTH_LOCAL_KEY_FILE'],
    ['apps/worker/src/main.ts', 'STEPWISE_SECRETS_KEY_FILE'],
  ])('%s refuses an unusable %s before it reaches for the database', async (entry, setting) => {
    const { code, stderr } = await boot(entry, { STEPWISE_DATABASE_URL: 'postgres://stepwise@127.0.0.1:1/stepwise', STEPWISE_PORT: '0', [setting]: notAKey });
    expect(code).toBe(1);
    expect(stderr).toContain(`KEY_FILE_UNUSABLE: ${setting}`);
    expect(stderr).not.toContain('DATABASE_UNREACHABLE');
  });
});

/**
 * A PostgreSQL address that accepts the connection and then says nothing (a firewall, a proxy whose
 * upstream is gone, a server too loaded to answer): the boot gives up within the connect timeout,
 * with the same refusal as an address that refuses, instead of waiting forever. The timeout is set
 * well below its 10 s default, so the boot giving up in less than that shows the setting is read.
 */
describe('boot against a database that never answers', () => {
  let silent: SilentServer;
  let port: number;

  beforeAll(async () => {
    silent = await startSilentServer();
    port = silent.port;
  });
  afterAll(() => silent.close());

  it.each(['apps/api/src/main.ts', 'apps/worker/src/migrate.ts'])('%s exits 1 with DATABASE_UNREACHABLE after STEPWISE_DATABASE_CONNECT_TIMEOUT_MS', async (entry) => {
    const held = silent.nextConnectionHeldMs();
    const { code, stderr } = await boot(entry, {
      STEPWISE_DATABASE_URL: `postgres://stepwise@127.0.0.1:${port}/stepwise`,
      STEPWISE_DATABASE_CONNECT_TIMEOUT_MS: '500',
      STEPWISE_PORT: '0',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`DATABASE_UNREACHABLE: STEPWISE_DATABASE_URL (postgres://stepwise@127.0.0.1:${port}/stepwise)`);
    expect(stderr).toContain('timeout');
    expect(stderr).not.toContain('    at ');
    // Timed from the connection's arrival to its end, not from the spawn: the process's own start
    // (seconds on a loaded machine; with it, over 8 s at a load of 10 on 2 cores) is no part of it.
    // Far from both 500 ms and the 10 s default.
    expect(await held).toBeLessThan(8_000);
  }, 20_000);
});

/**
 * STEPWISE_MIGRATE_ON_BOOT=false on a database whose migrations have not been applied (a deployment
 * that migrates as its own step, and that step has not run): every process refuses at boot, naming
 * the setting and `npm run migrate`, instead of serving errors or failing later with a stack trace.
 */
describe('boot with migrations left to `npm run migrate`', () => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase('stepwise_unmigrated');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each(['apps/api/src/main.ts', 'apps/worker/src/main.ts', 'apps/worker/src/rebuild-read-models.ts'])('%s exits 1 with MIGRATIONS_PENDING', async (entry) => {
    const { code, stderr } = await boot(entry, { STEPWISE_DATABASE_URL: database.url, STEPWISE_MIGRATE_ON_BOOT: 'false', STEPWISE_PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain('MIGRATIONS_PENDING: ');
    expect(stderr).toContain('STEPWISE_MIGRATE_ON_BOOT');
    expect(stderr).toContain('npm run migrate');
    expect(stderr).not.toContain('    at ');
  }, 20_000);
});
