/** A process with unknown or malformed settings does not start, and says which setting is wrong. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { compiledEntry } from './support/spawned-process';

const root = join(__dirname, '..', '..');

const boot = (entry: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [compiledEntry(entry)], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stderr }));
  });

describe('boot with bad configuration', () => {
  it.each([
    ['apps/api/src/main.ts', { STEPWISE_PROT: '3000' }, 'STEPWISE_PROT: unknown setting'],
    ['apps/api/src/main.ts', { STEPWISE_PORT: 'http' }, 'STEPWISE_PORT: expected a whole number'],
    ['apps/worker/src/main.ts', { STEPWISE_DATABASE_URL: 'mysql://localhost/x' }, 'STEPWISE_DATABASE_URL: expected a URL starting with postgres:// or postgresql://'],
    ['apps/stepwise/src/main.ts', { STEPWISE_ENV: 'production' }, 'STEPWISE_AUTH_JWKS_URL: required in production'],
  ])('%s with %j exits 1 naming the setting', async (entry, env, message) => {
    const { code, stderr } = await boot(entry, env);
    expect(code).toBe(1);
    expect(stderr).toContain('configuration is invalid');
    expect(stderr).toContain(message);
  });
});
