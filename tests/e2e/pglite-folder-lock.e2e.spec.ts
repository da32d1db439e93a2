/**
 * One process per PGlite data folder: a second `npm start` on a folder another live process holds
 * refuses at boot, naming the folder and the holder's pid, and leaves the holder serving; a lock
 * left by a process that was killed is taken over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http } from '../support/stepwise-harness';
import { redisUrl } from '../support/test-database';
import { compiledEntry } from './support/spawned-process';

const root = join(__dirname, '..', '..');

/** `npm start`, as its script runs it. */
const startEmbedded = (env: Record<string, string>): ChildProcess =>
  spawn(process.execPath, [compiledEntry('apps/stepwise/src/main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Resolves to the api's URL once the process logs where it listens. */
const listening = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/graphql"/.exec(output);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before listening: ${errors}`)));
  });

/** Resolves to the exit code and stderr of a process that is expected to stop by itself. */
const exited = (child: ChildProcess): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, stderr }));
  });

const stopped = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

describe('the PGlite data folder lock', () => {
  let dir: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-folder-lock-'));
    env = {
      STEPWISE_ENV: 'test',
      STEPWISE_PORT: '0',
      STEPWISE_LOG_LEVEL: 'info',
      STEPWISE_DATA_DIR: join(dir, 'data'),
      STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'signing-key.json'),
      STEPWISE_REDIS_URL: redisUrl(),
    };
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => stopped(child, 'SIGKILL')));
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second process at boot, naming the folder and the holder, and takes over from a killed holder', async () => {
    const holder = startEmbedded(env);
    children.push(holder);
    const url = await listening(holder);

    const second = startEmbedded(env);
    children.push(second);
    const refused = await exited(second);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The PGlite data folder ${join(dir, 'data')} is in use by process ${holder.pid}`);
    expect(refused.stderr).not.toContain('    at ');
    // The holder never noticed.
    expect((await http(`${url}/health/live`)).status).toBe(200);

    // Killed without a chance to clean up: its lock stays behind, naming a process that is gone.
    await stopped(holder, 'SIGKILL');
    expect(readFileSync(`${join(dir, 'data')}.lock`, 'utf8').trim()).toBe(String(holder.pid));

    const successor = startEmbedded(env);
    children.push(successor);
    const successorUrl = await listening(successor);
    expect((await http(`${successorUrl}/health/live`)).status).toBe(200);
    expect(readFileSync(`${join(dir, 'data')}.lock`, 'utf8').trim()).toBe(String(successor.pid));

    // A clean stop frees the folder.
    await stopped(successor, 'SIGINT');
    expect(existsSync(`${join(dir, 'data')}.lock`)).toBe(false);
  }, 120_000);
});
