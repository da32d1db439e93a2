/**
 * `npm run token`: prints a token, its usage on --help, and the usage with exit 2 on a mistake. It
 * runs what the npm script runs: the command compiled in dist/ (built by jest's global setup).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { childProcesses, compiledEntry } from './support/spawned-process';

const root = join(__dirname, '..', '..');

/** Commands run and not seen to exit yet. */
const commands = childProcesses();

const token = (args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = commands.track(
      spawn(process.execPath, [compiledEntry('apps/api/src/token.ts'), ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('npm run token', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-token-'));
    env = { STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json') };
  });

  // A command a test gave up on (it failed, or ran out of time) is not left running after it.
  afterEach(() => commands.killAll());
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([[['--help']], [['-h']], [['ada', '--help']]])('%j prints the usage on stdout and exits 0', async (args) => {
    const { code, stdout, stderr } = await token(args, env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run token -- <subject>/);
    expect(stdout).toContain('--ttl SECONDS');
    expect(stderr).toBe('');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['ada', '--name'], "Option '--name <value>' argument missing"],
    [[], 'name the subject the token is for'],
    [['ada', 'grace'], 'one subject only'],
    // A subject the api refuses ("the token has no usable subject"): no token is printed for it.
    [['a'.repeat(256)], 'the subject must be 1 to 255 characters of text, with no space around it (it is 256 characters)'],
    [[' ada '], 'the subject must be 1 to 255 characters of text, with no space around it (it has spaces around it)'],
    [['ada', '--ttl', 'soon'], '--ttl must be a positive whole number of seconds'],
    // A lifetime past any use (here one of 3e12 years) is a token that never expires: a typo, refused.
    [['ada', '--ttl', '99999999999999999999'], '--ttl must be a positive whole number of seconds, at most 31536000 (a year)'],
    [['ada', '--ttl', '1e3'], '--ttl must be a positive whole number of seconds'],
  ])('%j says what is wrong, prints the usage on stderr and exits 2', async (args, problem) => {
    const { code, stdout, stderr } = await token(args, env);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(problem);
    expect(stderr).toContain('usage: npm run token -- <subject>');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('prints a signed token for the subject', async () => {
    const { code, stdout } = await token(['ada', '--name', 'Ada Lovelace', '--ttl', '60'], env);
    expect(code).toBe(0);
    const claims = decodeJwt(stdout.trim());
    expect(claims).toMatchObject({ sub: 'ada', name: 'Ada Lovelace', iss: 'stepwise-local', aud: 'stepwise' });
    expect(claims.exp! - claims.iat!).toBe(60);
  });

  it('refuses with a code, without a stack trace, when tokens come from an identity provider', async () => {
    const { code, stdout, stderr } = await token(['ada'], {
      ...env,
      STEPWISE_AUTH_JWKS_URL: 'https://idp.example.test/jwks.json',
      STEPWISE_AUTH_ISSUER: 'https://idp.example.test/',
      STEPWISE_AUTH_AUDIENCE: 'stepwise',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('LOCAL_KEY_REQUIRED: STEPWISE_AUTH_JWKS_URL is set: tokens come from that identity provider, not from the local key\n');
  });
});
