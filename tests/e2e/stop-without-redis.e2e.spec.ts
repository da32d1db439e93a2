/**
 * Stopping `npm start` while Redis is unreachable: the nudge queue and its worker close at once (their
 * start-up cannot finish, so nothing waits for it), and a start-up cut short by the close fails
 * quietly instead of ending the process with an error nobody listens to (which once made this stop
 * exit 1 on a loaded machine: delivery-queue.close.int.spec.ts pins it down).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledEntry, LISTENING, spawnProcess, type SpawnedProcess } from './support/spawned-process';

/** START_UP_SETTLE_MS (libs/nudges/infrastructure/src/queue/start-up.settle.ts): the wait a reachable Redis would get. */
const SETTLE_MS = 2_000;

/** When the log line with this message was written, from its own timestamp. */
const loggedAt = (output: string, message: string): number => {
  const line = output.split('\n').find((each) => each.includes(`"msg":"${message}"`));
  if (!line) throw new Error(`no "${message}" in the output:\n${output}`);
  return Date.parse((JSON.parse(line) as { time: string }).time);
};

describe('npm start without Redis stops on SIGTERM', () => {
  let dir: string;
  let started: SpawnedProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stepwise-stop-no-redis-'));
  });
  afterAll(async () => {
    if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 without waiting for the nudge queue to start', async () => {
    started = spawnProcess(process.execPath, [compiledEntry('apps/stepwise/src/main.ts')], {
      STEPWISE_PORT: '0',
      STEPWISE_DATA_DIR: join(dir, 'data'),
      STEPWISE_AUTH_LOCAL_KEY_FILE: join(dir, 'key.json'),
      STEPWISE_REDIS_URL: 'redis://127.0.0.1:1',
    });
    await started.waitFor(LISTENING);
    await started.waitFor(/nudge queue: Redis is unreachable/);
    started.child.kill('SIGTERM');
    const code = await started.exited;
    await started.closed;
    const output = started.output();
    // The output says why, when it did not exit 0.
    expect({ code, output }).toEqual({ code: 0, output });
    const stopping = loggedAt(output, 'stopped') - loggedAt(output, 'shutting down');
    // Well under the wait a start-up would be given (quietly, about 20 ms).
    expect(stopping).toBeLessThan(SETTLE_MS);
  }, 60_000);
});
