/**
 * `npm start` as a fresh clone runs it: the prestart step compiles the apps and libraries into dist/
 * and the process runs the compiled JavaScript (no TypeScript transpiled at start), serving GraphQL
 * and the health endpoints with their middleware.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmScriptNodeArgs } from '../support/npm-script';
import { http } from '../support/stepwise-harness';
import { redisUrl } from '../support/test-database';

const root = join(__dirname, '..', '..');

describe('npm start', () => {
  let dir: string;
  let child: ChildProcess;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-npm-start-'));
  });

  afterAll(async () => {
    // npm runs the server in a child of its own: end the whole group.
    if (child?.pid && child.exitCode === null) {
      const exit = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exit;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the compiled output and serves GraphQL and health', async () => {
    child = spawn('npm', ['start'], {
      cwd: root,
      detached: true,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        STEPWISE_ENV: 'test',
        STEPWISE_PORT: '0',
        STEPWISE_LOG_LEVEL: 'info',
        STEPWISE_DATA_DIR: join(dir, 'data'),
        STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'signing-key.json'),
        STEPWISE_REDIS_URL: redisUrl(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(output);
        if (found) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${output}`)));
    });
    // npm echoes the command: the compiled entry, with the script's heap flags.
    expect(output).toContain(`node ${npmScriptNodeArgs('start').join(' ')}`);
    expect(npmScriptNodeArgs('start')).toEqual(expect.arrayContaining(['dist/apps/stepwise/src/main.js', expect.stringMatching(/^--max-old-space-size=\d+$/)]));

    const graphql = await http(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ health { status } }' }) });
    expect(graphql.json()).toEqual({ data: { health: { status: 'ready' } } });
    const ready = await http(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers['x-correlation-id']).toEqual(expect.any(String));
  }, 120_000);
});
